import type { PreparedBatch } from "../../../lib/events/processUsageBatch";
import { UsageEvent } from "../../../lib/events/usageEvent";

// Objects cross threads by structured clone, which spells out every key of every object and
// costs the receiving thread far more than flat arrays do, so events travel as tuples.
const FIELDS = Object.keys(UsageEvent.shape) as (keyof UsageEvent)[];
const AT = Object.fromEntries(FIELDS.map((field, i) => [field, i + 2])) as Record<keyof UsageEvent, number>;

export type WireBatch = { events: unknown[][]; quarantined: PreparedBatch["quarantined"] };

export function toWire({ events, quarantined }: PreparedBatch): WireBatch {
  return { events: events.map(({ id, source, event }) => [id, source, ...FIELDS.map((f) => event[f])]), quarantined };
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

export function fromWire({ events, quarantined }: WireBatch): PreparedBatch {
  return { events: events.map((row) => ({ id: row[0] as string, source: row[1] as string, event: eventOf(row) })), quarantined };
}
