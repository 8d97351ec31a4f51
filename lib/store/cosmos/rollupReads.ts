import type { DailyOutcome, DailyUsage, DimensionUsage } from "../port";
import type { Containers } from "./containers";
import { queryAll } from "./cosmosOps";
import { toDailyOutcome, toDailyUsage, toDimensionUsage, toHourlyUsage } from "./mappers";
import { type HourlyDoc, type RollupRows, usagePartition } from "./usageDocs";
import { type PackedRows, unpack } from "./rollupSheet";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dailyOrder = (a: DailyUsage, b: DailyUsage) =>
  cmp(a.day, b.day) ||
  cmp(a.appId, b.appId) ||
  cmp(a.deployment, b.deployment) ||
  cmp(a.model, b.model) ||
  cmp(a.region, b.region) ||
  cmp(a.operation, b.operation) ||
  a.tokenKinds - b.tokenKinds;
const hourlyOrder = (a: { hour: string; appId: string; deployment: string }, b: { hour: string; appId: string; deployment: string }) =>
  cmp(a.hour, b.hour) || cmp(a.appId, b.appId) || cmp(a.deployment, b.deployment);

/**
 * One kind of rows of the app-day sheets (rollupSheet.ts) of a day range, every app: one
 * cross-partition query served by the (kind, day) index, projected to what that kind needs.
 */
async function rowsOfRange<K extends keyof RollupRows>(
  c: Containers,
  kind: K,
  fromDay: string,
  toDay: string,
  where = "",
  params: Record<string, unknown> = {},
) {
  // A dimension row names its daily row for its key fields.
  const fields = kind === "dimensions" ? "c.daily, c.dimensions" : `c.${kind}`;
  const sheets = await queryAll<Partial<PackedRows> & { appId: string; day: string }>(
    c.usage,
    `SELECT c.appId, c.day, ${fields} FROM c WHERE c.kind = "sheet" AND c.day >= @from AND c.day < @to${where}`,
    { "@from": fromDay, "@to": toDay, ...params },
  );
  return sheets.flatMap((sheet) => Object.values(unpack(sheet)[kind]) as RollupRows[K][string][]);
}

/** Month × anything (business unit, app, model): every daily rollup of the range, all partitions. */
export async function listDailyUsage(c: Containers, fromDay: string, toDay: string): Promise<DailyUsage[]> {
  return (await rowsOfRange(c, "daily", fromDay, toDay)).map(toDailyUsage).sort(dailyOrder);
}

/** One dimension's rollups of the range, all partitions. */
export async function listDailyDimensionUsage(c: Containers, fromDay: string, toDay: string, dimension: string): Promise<DimensionUsage[]> {
  const rows = (await rowsOfRange(c, "dimensions", fromDay, toDay)).filter((d) => d.dimension === dimension);
  return rows.map(toDimensionUsage).sort((a, b) => dailyOrder(a, b) || cmp(a.value, b.value));
}

/** The dimensions of the range's rollups; deduplicated here (the emulator, and so our tests, have no DISTINCT). */
export async function listUsageDimensions(c: Containers, fromDay: string, toDay: string): Promise<string[]> {
  const rows = await rowsOfRange(c, "dimensions", fromDay, toDay);
  return [...new Set(rows.map((d) => d.dimension))].sort(cmp);
}

export async function listDailyOutcomes(c: Containers, fromDay: string, toDay: string): Promise<DailyOutcome[]> {
  const rows = await rowsOfRange(c, "outcomes", fromDay, toDay);
  return rows.map(toDailyOutcome).sort((a, b) => cmp(a.day, b.day) || cmp(a.appId, b.appId) || cmp(a.outcome, b.outcome));
}

/** The UTC days in [fromDay, toDay), or null when there are too many to name partitions by. */
function daysOf(fromDay: string, toDay: string, max = 62): string[] | null {
  const days: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t < Date.parse(`${toDay}T00:00:00Z`); t += 86_400_000) {
    if (days.length === max) return null;
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const inHours = (fromDay: string, toDay: string) => (h: HourlyDoc) => h.hour >= fromDay && h.hour < toDay;

/** App × day: the app's own partitions, named one per day, so only their sheets are read. */
export async function listHourlyAppUsage(c: Containers, appId: string, fromDay: string, toDay: string) {
  const days = daysOf(fromDay, toDay);
  if (days?.length === 0) return [];
  const params: Record<string, unknown> = { "@app": appId };
  days?.forEach((d, i) => (params[`@p${i}`] = usagePartition(appId, d)));
  const inPartitions = days ? ` AND c.pk IN (${days.map((_, i) => `@p${i}`).join(", ")})` : "";
  const rows = await rowsOfRange(c, "hourly", fromDay, toDay, ` AND c.appId = @app${inPartitions}`, params);
  return rows.filter(inHours(fromDay, toDay)).map(toHourlyUsage).sort(hourlyOrder);
}

/** Hourly rows of these deployments, every app, oldest first. */
export async function listHourlyUsage(c: Containers, fromDay: string, toDay: string, deployments: readonly string[]) {
  if (deployments.length === 0) return [];
  const wanted = new Set(deployments);
  const rows = await rowsOfRange(c, "hourly", fromDay, toDay);
  return rows
    .filter((h) => wanted.has(h.deployment) && inHours(fromDay, toDay)(h))
    .map(toHourlyUsage)
    .sort(hourlyOrder);
}

/** Two `VALUE` aggregates: the form a cross-partition aggregate query takes on every SDK version. */
export async function getUsageDayRange(c: Containers): Promise<{ first: string; last: string } | null> {
  const dayOf = async (f: "MIN" | "MAX") => (await queryAll<string>(c.usage, `SELECT VALUE ${f}(c.usageDay) FROM c WHERE c.kind = "sheet"`))[0];
  const [first, last] = await Promise.all([dayOf("MIN"), dayOf("MAX")]);
  return first && last ? { first, last } : null;
}

/** App ids with usage, from the small index the usage writer keeps (no DISTINCT needed). */
export async function listUsageAppIds(c: Containers): Promise<string[]> {
  const ids = await queryAll<string>(c.reference, `SELECT VALUE c.appId FROM c WHERE c.kind = "usageApp"`, {}, "usageApp");
  return [...new Set(ids)].sort(cmp);
}
