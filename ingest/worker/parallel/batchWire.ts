import type { PreparedBatch } from "../../../lib/events/processUsageBatch";
import { UsageEvent } from "../../../lib/events/usageEvent";

// Objects cross threads by structured clone, which spells out every key of every object and
// costs the receiving thread far more than flat arrays do, so events travel as tuples: id, source
// and each field. (One flat array for a whole batch cost the reading thread more: it is old by the
// time it is filled, and each young value stored in it goes through the write barrier.)
const FIELDS = Object.keys(UsageEvent.shape) as (keyof UsageEvent)[];
const AT = Object.fromEntries(FIELDS.map((field, i) => [field, i + 2])) as Record<keyof UsageEvent, number>;

// Fields whose few values repeat from event to event (an app's id, a deployment, a model): each
// value crosses once, into a table both threads keep, and then as its index. Structured clone
// copies every string every time, and each copy was a new string for the writing thread to
// collect. The table starts over past TABLE_MOST values (many distinct apps or end users), which
// bounds it on both threads.
const SHARED = (
  ["shape", "appId", "deployment", "model", "operation", "region", "serviceTier", "subscriptionId", "product", "endUser", "errorCode"] as const
).map((field) => AT[field]);
const TABLE_MOST = 50_000;

/** `strings`: values new to the table, in index order; `restart`: the table was emptied first. */
export type WireBatch = { restart: boolean; strings: string[]; rows: unknown[][]; quarantined: PreparedBatch["quarantined"] };

/** The reading thread's side: one per run, its batches sent in the order made. */
export function createWireWriter(): (batch: PreparedBatch) => WireBatch {
  let indexOf = new Map<string, number>();
  return ({ events, quarantined }) => {
    const restart = indexOf.size + events.length * SHARED.length > TABLE_MOST;
    if (restart) indexOf = new Map();
    const strings: string[] = [];
    const rows = events.map(({ id, source, event }) => {
      const row: unknown[] = [id, source];
      for (const field of FIELDS) row.push(event[field]);
      for (const column of SHARED) {
        const value = row[column];
        if (typeof value !== "string") continue;
        let index = indexOf.get(value);
        if (index === undefined) {
          index = indexOf.size;
          indexOf.set(value, index);
          strings.push(value);
        }
        row[column] = index;
      }
      return row;
    });
    return { restart, strings, rows, quarantined };
  };
}

// One object literal of every field: V8 then makes each event in one allocation of one shape, on
// the writing thread, instead of growing an empty object field by field (a quarter of that
// thread's garbage). `satisfies` fails to compile when the event gains a field this lacks.
const eventOf = (r: readonly unknown[]) =>
  ({
    shape: r[AT.shape],
    requestId: r[AT.requestId],
    time: r[AT.time],
    appId: r[AT.appId],
    deployment: r[AT.deployment],
    model: r[AT.model],
    operation: r[AT.operation],
    region: r[AT.region],
    promptTokens: r[AT.promptTokens],
    cachedTokens: r[AT.cachedTokens],
    completionTokens: r[AT.completionTokens],
    reasoningTokens: r[AT.reasoningTokens],
    totalTokens: r[AT.totalTokens],
    cacheWriteTokens: r[AT.cacheWriteTokens],
    audioInputTokens: r[AT.audioInputTokens],
    audioCachedTokens: r[AT.audioCachedTokens],
    audioOutputTokens: r[AT.audioOutputTokens],
    imageInputTokens: r[AT.imageInputTokens],
    imageCachedTokens: r[AT.imageCachedTokens],
    imageOutputTokens: r[AT.imageOutputTokens],
    serviceTier: r[AT.serviceTier],
    modelTimeMs: r[AT.modelTimeMs],
    status: r[AT.status],
    streamed: r[AT.streamed],
    subscriptionId: r[AT.subscriptionId],
    product: r[AT.product],
    tags: r[AT.tags],
    endUser: r[AT.endUser],
    warnings: r[AT.warnings],
    errorCode: r[AT.errorCode],
  }) satisfies Record<keyof UsageEvent, unknown> as UsageEvent;

/** The writing thread's side: one per run, fed the batches in the order sent. */
export function createWireReader(): (batch: WireBatch) => PreparedBatch {
  let table: string[] = [];
  return ({ restart, strings, rows, quarantined }) => {
    if (restart) table = [];
    for (const value of strings) table.push(value);
    const events = rows.map((row) => {
      for (const column of SHARED) {
        const index = row[column];
        if (typeof index === "number") row[column] = table[index];
      }
      return { id: row[0] as string, source: row[1] as string, event: eventOf(row) };
    });
    return { events, quarantined };
  };
}
