import type Database from "better-sqlite3";
import { BUCKET_COLUMNS, bucketOf, utcHour } from "../../events/modelTimeBuckets";
import { utcDay } from "../../events/parseEventTime";
import type { UsageEvent } from "../../events/usageEvent";
import type { UsageBatch, UsageBatchResult } from "../port";
import { createEventInserter } from "./insertEvents";
import { conflictQuarantine, sameCall } from "../../events/eventConflict";
import { COUNTED_COLUMNS, type CountedRow, toCountedVersion } from "./mappers";
import { isUsage, outcomeOf } from "../../events/callOutcome";
import { addToDailySums, dailySumsOf, type Rollups } from "./dailySums";
import { tokenKindsOf } from "../../pricing/tokenKinds";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { createBulkUpsert } from "./bulkUpsert";
import { dailyKeyId, rollupKeyIds } from "./rollupKeyIds";
import { HOURLY_SUMS, USAGE_SUMS } from "../rollupFields";
import { type Breakdowns, createBreakdownWriter, emptyBreakdowns, sumIntoDimensions, sumIntoOutcomes, sumIntoWarnings } from "./breakdownWriter";

type WriteBatch = (batch: UsageBatch) => UsageBatchResult;

/** A batch's sums held in memory until they are written. */
export type Sums = { rollups: Rollups; hourly: Rollups; breakdowns: Breakdowns };
/** Writes sums into the store's rollups, inside the open transaction. */
export type WriteSums = (sums: Sums) => void;
type Pending = Sums & { events: number };
const nothingPending = (): Pending => ({ rollups: new Map(), hourly: new Map(), breakdowns: emptyBreakdowns(), events: 0 });

// A bulk load sums its batches' rollups in memory up to this many events before writing them (in
// its open transaction): a key's row is then written once for many batches. At 2,000 events a
// batch the bench's traffic wrote 1.55 rollup rows an event, at 25,000 about 0.9; the rows held
// stay within a few MB.
const SUM_EVENTS = 25_000;

/** Writes sums straight into the *Sums tables by key id: see createRollupWriter and createBreakdownWriter. */
function createSumsWriter(db: Database.Database): WriteSums {
  const writeRollups = createRollupWriter(db);
  const writeBreakdowns = createBreakdownWriter(db);
  return ({ rollups, hourly, breakdowns }) => {
    writeRollups(rollups, hourly);
    writeBreakdowns(breakdowns);
  };
}

/**
 * The hot path: facts, rollups and quarantine through prepared statements, one transaction a batch
 * (a savepoint inside an open one). `inOpenTransaction` writes a batch into the transaction open on
 * the connection, for a caller that rolls the whole transaction back when a batch fails (no
 * savepoint: it copies every page a batch changes into its journal first): its facts and
 * quarantine at once, its rollups summed with the next batches' and written by `flush` (which the
 * caller calls before it commits) or once `sumEvents` events are summed; `discard` forgets sums
 * not written, for a caller that rolls back. `writeSums` is where sums go (a test writes them
 * another way to compare).
 */
export function createUsageWriter(
  db: Database.Database,
  { sumEvents = SUM_EVENTS, writeSums = createSumsWriter(db) }: { sumEvents?: number; writeSums?: WriteSums } = {},
): Database.Transaction<WriteBatch> & { inOpenTransaction: WriteBatch; flush: () => void; discard: () => void } {
  const insertEvents = createEventInserter(db);
  const quarantine = db.prepare(
    `INSERT OR IGNORE INTO QuarantinedEvent (id, receivedAt, source, reason, raw, encoding, status) VALUES (?, ?, ?, ?, ?, ?, 'open')`,
  );
  const counted = db.prepare(`SELECT ${COUNTED_COLUMNS.join(", ")} FROM UsageEvent WHERE id = ?`);
  // A month's materialized ledger is stale once its rollups change: its version changes with them.
  const touchMonth = db.prepare("INSERT INTO UsageMonth (month, version) VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET version = version + 1");
  let pending = nothingPending();

  const flush = () => {
    const sums = pending;
    pending = nothingPending();
    writeSums(sums);
  };
  const discard = () => {
    pending = nothingPending();
  };

  const add: WriteBatch = (batch) => {
    const inserted = insertEvents(batch.events, batch.receivedAt);
    const days = sumInto(pending, batch, inserted);
    pending.events += batch.events.length;
    if (pending.events >= sumEvents) flush();
    // Calls per outcome are materialized too: every inserted event's month, usage or not.
    for (const month of new Set([...days].map((day) => day.slice(0, 7)))) touchMonth.run(month);
    // An event not inserted is a redelivery of the stored one (read back inside this transaction,
    // so a repeat within the batch meets its first occurrence), or a conflict when content differs.
    const conflicted = batch.events.map(() => false);
    const conflicts = batch.events.flatMap((incoming, i) => {
      if (inserted[i]) return [];
      const stored = toCountedVersion(counted.get(incoming.id) as CountedRow);
      if (sameCall(stored.content, incoming.event)) return [];
      conflicted[i] = true;
      return [conflictQuarantine(incoming, stored)];
    });
    let quarantined = 0;
    for (const q of [...batch.quarantined, ...conflicts]) {
      quarantined += quarantine.run(q.id, batch.receivedAt, q.source, q.reason, q.raw, q.encoding ?? "utf8").changes;
    }
    return { inserted, conflicted, quarantined, quarantineDuplicates: batch.quarantined.length + conflicts.length - quarantined };
  };
  const write: WriteBatch = (batch) => {
    try {
      const result = add(batch);
      flush();
      return result;
    } catch (error) {
      discard();
      throw error;
    }
  };
  return Object.assign(db.transaction(write), { inOpenTransaction: add, flush, discard });
}

/**
 * Adds a batch's inserted events to `sums` in memory: one upsert per key for many events instead
 * of one per event. Every inserted event counts in its outcome (and warnings); usage also in the
 * rollups. Returns the days they fell on.
 */
function sumInto({ rollups, hourly, breakdowns }: Sums, batch: UsageBatch, inserted: readonly boolean[]): Set<string> {
  const days = new Set<string>();
  batch.events.forEach((incoming, i) => {
    if (!inserted[i]) return;
    const e = incoming.event;
    const day = utcDay(e.time);
    days.add(day);
    const outcome = outcomeOf(e);
    sumIntoOutcomes(breakdowns.outcomes, day, e, outcome);
    if (e.warnings) sumIntoWarnings(breakdowns.warnings, incoming, batch.receivedAt);
    if (!isUsage(e, outcome)) return;
    const key = sumIntoRollups(rollups, hourly, e);
    if (e.tags !== undefined || e.endUser !== undefined) sumIntoDimensions(breakdowns.dimensions, rollups.get(key)!, e);
  });
  return days;
}

/**
 * Adds in-memory sums to the daily and hourly rollups: straight into their *Sums tables by key id
 * (migration 20261206210000), a few multi-row upserts a batch; not through the views, whose
 * triggers look the key up again for every row. Call inside a transaction.
 */
export function createRollupWriter(db: Database.Database): (rollups: Rollups, hourly: Rollups) => void {
  const ids = rollupKeyIds(db);
  const addToDaily = createBulkUpsert(db, { table: "DailyUsageSums", key: ["day", "keyId"], add: [...USAGE_SUMS, ...TOKEN_DETAILS] });
  const addToHourly = createBulkUpsert(db, { table: "HourlyAppUsageSums", key: ["hour", "hourlyKeyId"], add: [...HOURLY_SUMS, ...BUCKET_COLUMNS] });
  return (rollups, hourly) => {
    ids.beginBatch();
    addToDaily([...rollups.values()].map((row) => [row[0], dailyKeyId(ids, row), ...row.slice(7)]));
    addToHourly([...hourly.values()].map((row) => [row[0], ids.hourlyKey(row[1] as string, row[2] as string), ...row.slice(3)]));
  };
}

/** Sums an event into its daily rollup row and its (hour, app, deployment) row, in memory; returns the daily row's key. */
export function sumIntoRollups(rollups: Rollups, hourly: Rollups, e: UsageEvent): string {
  const day = utcDay(e.time);
  addToHour(hourly, hourOf(e.time, day), e);
  const kinds = tokenKindsOf(e);
  const key = `${day}\u0000${e.appId}\u0000${e.deployment}\u0000${e.model}\u0000${e.region}\u0000${e.operation}\u0000${kinds}`;
  const sums = rollups.get(key);
  if (sums) addToDailySums(sums, e);
  else {
    rollups.set(key, [day, e.appId, e.deployment, e.model, e.region, e.operation, kinds, ...dailySumsOf(e)]);
  }
  return key;
}

// Hour names by hour since the epoch: utcHour builds its string anew, and every event needs one.
// Past this many (over a year of hours, only from a long-running process), start over.
const HOUR_MS = 3_600_000;
const MOST_HOURS = 10_000;
const hourNames = new Map<number, string>();
function hourOf(ms: number, day: string): string {
  const index = Math.floor(ms / HOUR_MS);
  let name = hourNames.get(index);
  if (name === undefined) {
    name = utcHour(ms, day);
    if (hourNames.size >= MOST_HOURS) hourNames.clear();
    hourNames.set(index, name);
  }
  return name;
}

/** Sums an event into its (hour, app, deployment) row: requests, tokens, model time and its histogram bucket. */
function addToHour(hourly: Rollups, hour: string, e: UsageEvent): void {
  const key = `${hour}\u0000${e.appId}\u0000${e.deployment}`;
  let row = hourly.get(key);
  if (!row) {
    row = [hour, e.appId, e.deployment, 0, 0, 0, 0, 0, 0, 0, ...BUCKET_COLUMNS.map(() => 0)];
    hourly.set(key, row);
  }
  (row[3] as number) += 1;
  (row[4] as number) += e.promptTokens;
  (row[5] as number) += e.cachedTokens;
  (row[6] as number) += e.completionTokens;
  (row[7] as number) += e.totalTokens;
  if (e.modelTimeMs === null) return;
  (row[8] as number) += 1;
  (row[9] as number) += e.modelTimeMs;
  (row[10 + bucketOf(e.modelTimeMs)] as number) += 1;
}
