import type Database from "better-sqlite3";
import { END_USER, tagDimension } from "../../events/eventTags";
import { type CallOutcome, usageUnknown } from "../../events/callOutcome";
import type { UsageEvent } from "../../events/usageEvent";
import type { IncomingEvent } from "../port";
import { addToDailySums, dailySumsOf, type Rollups } from "./dailySums";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { USAGE_SUMS } from "../rollupFields";
import { warningSource } from "../../events/warningSource";
import { createBulkUpsert } from "./bulkUpsert";
import { dailyKeyId, rollupKeyIds } from "./rollupKeyIds";

/**
 * The rollups next to the priced ones, summed in memory per batch like them: usage per tag and end
 * user (priced events only), calls per outcome (every event), and dropped-tag warnings.
 */
export type Breakdowns = { dimensions: DimensionRollups; outcomes: Rollups; warnings: Rollups };
export const emptyBreakdowns = (): Breakdowns => ({ dimensions: new Map(), outcomes: new Map(), warnings: new Map() });

/**
 * Per-tag rows are kept under their DailyUsage row (the array itself is the key), by dimension,
 * then by value: no key string built per tag and event on the hot path.
 */
export type DimensionRollups = Map<readonly (string | number)[], Map<string, Map<string, (string | number)[]>>>;

/** Sums a priced event into its rows per tag and end user (each of `dimensionsOf`), under its DailyUsage row `daily`. */
export function sumIntoDimensions(dimensions: DimensionRollups, daily: readonly (string | number)[], e: UsageEvent): void {
  let byDimension = dimensions.get(daily);
  if (!byDimension) {
    byDimension = new Map();
    dimensions.set(daily, byDimension);
  }
  // Not dimensionsOf(e), which builds a list of pairs per event.
  for (const key in e.tags) sumIntoDimension(byDimension, daily, tagDimension(key), e.tags[key] as string, e);
  if (e.endUser !== undefined) sumIntoDimension(byDimension, daily, END_USER, e.endUser, e);
}

function sumIntoDimension(
  byDimension: Map<string, Map<string, (string | number)[]>>,
  daily: readonly (string | number)[],
  dimension: string,
  value: string,
  e: UsageEvent,
): void {
  let values = byDimension.get(dimension);
  if (!values) {
    values = new Map();
    byDimension.set(dimension, values);
  }
  const row = values.get(value);
  if (row) addToDailySums(row, e);
  else {
    values.set(value, [...daily.slice(0, 7), ...dailySumsOf(e), dimension, value]);
  }
}

export function sumIntoOutcomes(outcomes: Rollups, day: string, e: UsageEvent, outcome: CallOutcome): void {
  const key = `${day}\u0000${e.appId}\u0000${outcome}`;
  const unknown = usageUnknown(e, outcome) ? 1 : 0;
  const row = outcomes.get(key);
  if (row) {
    (row[3] as number) += 1;
    (row[4] as number) += unknown;
  } else outcomes.set(key, [day, e.appId, outcome, 1, unknown]);
}

export function sumIntoWarnings(warnings: Rollups, { id, source, event }: IncomingEvent, receivedAt: number): void {
  for (const reason of event.warnings ?? []) {
    const from = warningSource(source);
    const key = `${from}\u0000${reason}`;
    const row = warnings.get(key);
    if (row) {
      (row[2] as number) += 1;
      row[4] = receivedAt; // batches summed together keep the last one's time, as their upserts would
      row[5] = id;
    } else warnings.set(key, [from, reason, 1, receivedAt, receivedAt, id]);
  }
}

/**
 * Writes a batch's breakdowns: the per-tag rows straight into DailyDimensionUsageSums by key and
 * value id (not through the view, whose trigger looks both up again for every row), outcomes and
 * warnings likewise, each a few multi-row upserts. Call inside a transaction.
 */
export function createBreakdownWriter(db: Database.Database): (b: Breakdowns) => void {
  const ids = rollupKeyIds(db);
  const addToDimensions = createBulkUpsert(db, {
    table: "DailyDimensionUsageSums",
    key: ["dimension", "day", "keyId", "valueId"],
    add: [...USAGE_SUMS, ...TOKEN_DETAILS],
  });
  const addToOutcomes = createBulkUpsert(db, { table: "DailyOutcome", key: ["day", "appId", "outcome"], add: ["requests", "usageUnknown"] });
  const addToWarnings = createBulkUpsert(db, {
    table: "IngestWarning",
    key: ["source", "reason"],
    add: ["count"],
    keep: ["firstAt"],
    replace: ["lastAt", "lastEventId"],
  });
  return ({ dimensions, outcomes, warnings }) => {
    ids.beginBatch();
    const rows: unknown[][] = [];
    for (const [daily, byDimension] of dimensions) {
      const keyId = dailyKeyId(ids, daily);
      for (const values of byDimension.values()) {
        for (const row of values.values()) {
          const value = row[row.length - 1] as string;
          rows.push([row[row.length - 2], row[0], keyId, ids.dimensionValue(value), ...row.slice(7, row.length - 2)]);
        }
      }
    }
    addToDimensions(rows);
    addToOutcomes([...outcomes.values()]);
    addToWarnings([...warnings.values()]);
  };
}
