import { END_USER, OTHER_END_USERS } from "../../events/eventTags";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { HOURLY_SUMS, USAGE_SUMS } from "../rollupFields";
import type { Containers } from "./containers";
import { eachLimited, queryAll } from "./cosmosOps";
import { readSheet, unpack, withCompactedRows, writeSheet } from "./rollupSheet";
import { type DimensionDoc, type HourlyDoc, dimensionId, hourlyKey } from "./usageDocs";

const DIMENSION_SUMS = [...USAGE_SUMS, ...TOKEN_DETAILS] as const;

/** A sheet's hourly rows with those of real hours (not of `keep` deployments) folded into one row per deployment and day. */
function foldHours(day: string, hourly: Record<string, HourlyDoc>, keep: ReadonlySet<string>): { rows: Record<string, HourlyDoc>; folded: number } {
  const rows: Record<string, HourlyDoc> = {};
  let folded = 0;
  for (const [key, h] of Object.entries(hourly)) {
    const folds = h.hour.length === 13 && !keep.has(h.deployment);
    if (folds) folded++;
    // A day row of an earlier run (a late event's hours since) shares its key with the fold: summed.
    const target = folds ? hourlyKey(day, h.appId, h.deployment) : key;
    const into = rows[target];
    if (!into) rows[target] = { ...h, hour: folds ? day : h.hour, buckets: [...h.buckets] };
    else {
      for (const f of HOURLY_SUMS) into[f] += h[f];
      into.buckets = into.buckets.map((n, i) => n + (h.buckets[i] ?? 0));
    }
  }
  return { rows, folded };
}

/** The sheet's dimension rows with the end users past the `top` busiest (most tokens, ties by name) folded into OTHER_END_USERS. */
function foldEndUsers(dimensions: Record<string, DimensionDoc>, top: number): { rows: Record<string, DimensionDoc>; folded: number } {
  const tokens = new Map<string, number>();
  for (const d of Object.values(dimensions))
    if (d.dimension === END_USER && d.value !== OTHER_END_USERS) tokens.set(d.value, (tokens.get(d.value) ?? 0) + d.totalTokens);
  const tail = new Set(
    [...tokens]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(top)
      .map(([value]) => value),
  );
  const rows: Record<string, DimensionDoc> = {};
  let folded = 0;
  for (const [key, d] of Object.entries(dimensions)) {
    const folds = d.dimension === END_USER && tail.has(d.value);
    if (folds) folded++;
    const target = folds ? dimensionId(d, END_USER, OTHER_END_USERS) : key;
    const into = rows[target];
    if (!into) rows[target] = { ...d, value: folds ? OTHER_END_USERS : d.value };
    else for (const f of DIMENSION_SUMS) into[f] = (into[f] ?? 0) + (d[f] ?? 0);
  }
  return { rows, folded };
}

/**
 * Sheets of days before `before` not yet compacted: hours folded into days, end users past the
 * busiest folded into one value, each sheet in one `IfMatch` replace. A sheet under a batch's lease
 * (or changed meanwhile) is left for the next run: the writer's own `IfMatch` commit is never disturbed.
 */
export async function compactRollups(
  c: Containers,
  before: string,
  keep: readonly string[],
  topEndUsers: number,
  dryRun: boolean,
): Promise<{ hourlyRows: number; endUserRows: number }> {
  const pks = await queryAll<string>(c.usage, `SELECT VALUE c.pk FROM c WHERE c.kind = "sheet" AND c.day < @before AND NOT IS_DEFINED(c.compacted)`, {
    "@before": before,
  });
  const kept = new Set(keep);
  const total = { hourlyRows: 0, endUserRows: 0 };
  await eachLimited(pks, 8, async (pk) => {
    const { sheet, etag } = await readSheet(c.usage, pk);
    if (!sheet || sheet.pending) return;
    const rows = unpack(sheet);
    const hourly = foldHours(sheet.day, rows.hourly, kept);
    const dimensions = foldEndUsers(rows.dimensions, topEndUsers);
    if (!dryRun && !(await writeSheet(c.usage, withCompactedRows(sheet, { hourly: hourly.rows, dimensions: dimensions.rows }), etag))) return;
    total.hourlyRows += hourly.folded;
    total.endUserRows += dimensions.folded;
  });
  return total;
}
