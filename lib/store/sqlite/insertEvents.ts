import type Database from "better-sqlite3";
import { utcDay } from "../../events/parseEventTime";
import type { IncomingEvent } from "../port";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";
import { itemAt } from "../../core/arrays";

const COLUMNS = [
  "id",
  "time",
  "day",
  "appId",
  "deployment",
  "model",
  "operation",
  "region",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "reasoningTokens",
  "totalTokens",
  "modelTimeMs",
  "status",
  "streamed",
  "subscriptionId",
  "product",
  "shape",
  "source",
  "receivedAt",
  "tags",
  "endUser",
  "errorCode",
  ...TOKEN_DETAILS,
  "serviceTier",
] as const;
// Many rows per statement: per-statement overhead, not SQLite's B-tree work, dominates single-row inserts.
const ROWS = 64;

// Read once: under the CommonJS the CLI runs as (tsx) each use of an imported name calls a getter.
const DETAILS: readonly TokenDetail[] = TOKEN_DETAILS;

const insertSql = (rows: number) =>
  `INSERT OR IGNORE INTO UsageEvent (${COLUMNS.join(", ")}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => "?").join(", ")})`).join(", ")}`;

function bind(args: unknown[], at: number, { id, source, event: e }: IncomingEvent, receivedAt: number): void {
  args[at] = id;
  args[at + 1] = e.time;
  args[at + 2] = utcDay(e.time);
  args[at + 3] = e.appId;
  args[at + 4] = e.deployment;
  args[at + 5] = e.model;
  args[at + 6] = e.operation;
  args[at + 7] = e.region;
  args[at + 8] = e.promptTokens;
  args[at + 9] = e.cachedTokens;
  args[at + 10] = e.completionTokens;
  args[at + 11] = e.reasoningTokens;
  args[at + 12] = e.totalTokens;
  args[at + 13] = e.modelTimeMs;
  args[at + 14] = e.status;
  args[at + 15] = e.streamed === null ? null : e.streamed ? 1 : 0;
  args[at + 16] = e.subscriptionId;
  args[at + 17] = e.product;
  args[at + 18] = e.shape;
  args[at + 19] = source;
  args[at + 20] = receivedAt;
  args[at + 21] = e.tags ? JSON.stringify(e.tags) : null;
  args[at + 22] = e.endUser ?? null;
  args[at + 23] = e.errorCode ?? null;
  for (let i = 0; i < DETAILS.length; i++) args[at + 24 + i] = e[DETAILS[i]!] ?? 0; // no iterator and pair per detail, per event
  args[at + 24 + DETAILS.length] = e.serviceTier ?? null;
}

/**
 * Inserts the facts not stored yet and says, per event, whether it was new. Call inside a
 * transaction. A statement's count of rows inserted says when all were new (nearly always); when
 * some were not, the new ones are the rows it just appended: a row inserted without a rowid gets
 * one more than the table's largest, so a statement's rows are the last `changes` rowids. Not
 * RETURNING id, which built a result row and a string for every event.
 */
export function createEventInserter(db: Database.Database): (events: readonly IncomingEvent[], receivedAt: number) => boolean[] {
  const many = db.prepare(insertSql(ROWS));
  const one = db.prepare(insertSql(1));
  const appended = db.prepare("SELECT id FROM UsageEvent WHERE rowid > ? AND rowid <= ?").pluck();
  const manyArgs = new Array<unknown>(ROWS * COLUMNS.length);
  const oneArgs = new Array<unknown>(COLUMNS.length);
  return (events, receivedAt) => {
    const inserted = new Array<boolean>(events.length).fill(false);
    // An id repeated within the batch is a duplicate of its first occurrence: only that one may insert.
    const firstIndex = new Map<string, number>();
    const candidates: number[] = [];
    events.forEach((e, i) => {
      if (firstIndex.has(e.id)) return;
      firstIndex.set(e.id, i);
      candidates.push(i);
    });
    // In id order: inserts into the random-id index then walk its pages in order, each read once
    // per batch, instead of jumping to a page that has left the cache at every event.
    candidates.sort((a, b) => (itemAt(events, a).id < itemAt(events, b).id ? -1 : 1));
    const event = (i: number) => itemAt(events, i);
    let k = 0;
    for (; k + ROWS <= candidates.length; k += ROWS) {
      for (let r = 0; r < ROWS; r++) bind(manyArgs, r * COLUMNS.length, event(itemAt(candidates, k + r)), receivedAt);
      const { changes, lastInsertRowid } = many.run(...manyArgs);
      if (changes === ROWS) {
        for (let r = 0; r < ROWS; r++) inserted[itemAt(candidates, k + r)] = true;
      } else if (changes > 0) {
        const last = BigInt(lastInsertRowid);
        const ids = appended.all(last - BigInt(changes), last) as string[];
        if (ids.length !== changes) throw new Error(`UsageEvent: ${changes} rows inserted, but ${ids.length} found among the last rowids`);
        for (const id of ids) inserted[firstIndex.get(id)!] = true;
      }
    }
    for (const i of candidates.slice(k)) {
      bind(oneArgs, 0, event(i), receivedAt);
      inserted[i] = one.run(...oneArgs).changes === 1;
    }
    return inserted;
  };
}
