import type Database from "better-sqlite3";
import { dimensionsOf } from "../../events/eventTags";
import { type CallOutcome, usageUnknown } from "../../events/callOutcome";
import type { UsageEvent } from "../../events/usageEvent";
import type { IncomingEvent } from "../port";
import { addToDailySums, type Rollups } from "./dailySums";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { USAGE_SUMS } from "../rollupFields";
import { warningSource } from "../../events/warningSource";
import { itemAt } from "../../core/arrays";

/**
 * The rollups next to the priced ones, summed in memory per batch like them: usage per tag and end
 * user (priced events only), calls per outcome (every event), and dropped-tag warnings.
 */
export type Breakdowns = { dimensions: DimensionRollups; outcomes: Rollups; warnings: Rollups };
export const emptyBreakdowns = (): Breakdowns => ({ dimensions: new Map(), outcomes: new Map(), warnings: new Map() });

/**
 * Per-tag rows are kept under their DailyUsage row (the array itself is the key): a short
 * `dimension value` key each, not the long daily key again, on the hot path.
 */
export type DimensionRollups = Map<readonly (string | number)[], Map<string, (string | number)[]>>;

/** Sums a priced event into its rows per tag and end user, under its DailyUsage row `daily`. */
export function sumIntoDimensions(dimensions: DimensionRollups, daily: readonly (string | number)[], e: UsageEvent): void {
  let values = dimensions.get(daily);
  if (!values) {
    values = new Map();
    dimensions.set(daily, values);
  }
  for (const [dimension, value] of dimensionsOf(e)) {
    const key = `${dimension}\u0000${value}`;
    const row = values.get(key);
    if (row) addToDailySums(row, e);
    else {
      values.set(key, [
        ...daily.slice(0, 7),
        1,
        e.promptTokens,
        e.cachedTokens,
        e.completionTokens,
        e.reasoningTokens,
        e.totalTokens,
        e.modelTimeMs ?? 0,
        ...TOKEN_DETAILS.map((d) => e[d] ?? 0),
        dimension,
        value,
      ]);
    }
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
      row[5] = id;
    } else warnings.set(key, [from, reason, 1, receivedAt, receivedAt, id]);
  }
}

const DIMENSION_COLUMNS = ["day", "appId", "deployment", "model", "region", "operation", "tokenKinds", ...USAGE_SUMS, ...TOKEN_DETAILS, "dimension", "value"];
// Into the view: its trigger adds to the row of the key (migration 20261206210000).
// Rows per statement: an end user is nearly one row per event, and per-statement overhead dominates single-row upserts.
const DIMENSION_ROWS = 32;
const dimensionSql = (rows: number) =>
  `INSERT INTO DailyDimensionUsage (${DIMENSION_COLUMNS.join(", ")})
   VALUES ${Array.from({ length: rows }, () => `(${DIMENSION_COLUMNS.map(() => "?").join(", ")})`).join(", ")}`;

export function createBreakdownWriter(db: Database.Database): (b: Breakdowns) => void {
  const dimensionMany = db.prepare(dimensionSql(DIMENSION_ROWS));
  const dimensionOne = db.prepare(dimensionSql(1));
  const manyArgs = new Array<string | number>(DIMENSION_ROWS * DIMENSION_COLUMNS.length);
  const outcome = db.prepare(
    `INSERT INTO DailyOutcome (day, appId, outcome, requests, usageUnknown) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (day, appId, outcome) DO UPDATE SET requests = requests + excluded.requests, usageUnknown = usageUnknown + excluded.usageUnknown`,
  );
  const warning = db.prepare(
    `INSERT INTO IngestWarning (source, reason, count, firstAt, lastAt, lastEventId) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, reason) DO UPDATE SET count = count + excluded.count, lastAt = excluded.lastAt, lastEventId = excluded.lastEventId`,
  );
  return ({ dimensions, outcomes, warnings }) => {
    const rows = [...dimensions.values()].flatMap((values) => [...values.values()]);
    let k = 0;
    for (; k + DIMENSION_ROWS <= rows.length; k += DIMENSION_ROWS) {
      for (let r = 0; r < DIMENSION_ROWS; r++) {
        // A row holds one value per column.
        itemAt(rows, k + r).forEach((value, c) => (manyArgs[r * DIMENSION_COLUMNS.length + c] = value));
      }
      dimensionMany.run(...manyArgs);
    }
    for (const row of rows.slice(k)) dimensionOne.run(...row);
    for (const values of outcomes.values()) outcome.run(...values);
    for (const values of warnings.values()) warning.run(...values);
  };
}
