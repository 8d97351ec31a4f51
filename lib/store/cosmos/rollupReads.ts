import type { DailyOutcome, DailyUsage, DimensionUsage } from "../port";
import type { Containers } from "./containers";
import { queryAll } from "./cosmosOps";
import { toDailyOutcome, toDailyUsage, toDimensionUsage, toHourlyUsage } from "./mappers";
import { type DailyDoc, type DimensionDoc, type HourlyDoc, type OutcomeDoc, usagePartition } from "./usageDocs";

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

/** Month × anything (business unit, app, model): every daily rollup of the range, all partitions. */
export async function listDailyUsage(c: Containers, fromDay: string, toDay: string): Promise<DailyUsage[]> {
  const docs = await queryAll<DailyDoc>(c.usage, `SELECT * FROM c WHERE c.kind = "daily" AND c.day >= @from AND c.day < @to`, {
    "@from": fromDay,
    "@to": toDay,
  });
  return docs.map(toDailyUsage).sort(dailyOrder);
}

/** One dimension's rollups of the range, all partitions. */
export async function listDailyDimensionUsage(c: Containers, fromDay: string, toDay: string, dimension: string): Promise<DimensionUsage[]> {
  const docs = await queryAll<DimensionDoc>(
    c.usage,
    `SELECT * FROM c WHERE c.kind = "dimension" AND c.dimension = @dimension AND c.day >= @from AND c.day < @to`,
    { "@dimension": dimension, "@from": fromDay, "@to": toDay },
  );
  return docs.map(toDimensionUsage).sort((a, b) => dailyOrder(a, b) || cmp(a.value, b.value));
}

/** The dimensions of the range's rollups; deduplicated here (the emulator, and so our tests, have no DISTINCT). */
export async function listUsageDimensions(c: Containers, fromDay: string, toDay: string): Promise<string[]> {
  const docs = await queryAll<{ dimension: string }>(c.usage, `SELECT c.dimension FROM c WHERE c.kind = "dimension" AND c.day >= @from AND c.day < @to`, {
    "@from": fromDay,
    "@to": toDay,
  });
  return [...new Set(docs.map((d) => d.dimension))].sort(cmp);
}

export async function listDailyOutcomes(c: Containers, fromDay: string, toDay: string): Promise<DailyOutcome[]> {
  const docs = await queryAll<OutcomeDoc>(c.usage, `SELECT * FROM c WHERE c.kind = "outcome" AND c.day >= @from AND c.day < @to`, {
    "@from": fromDay,
    "@to": toDay,
  });
  return docs.map(toDailyOutcome).sort((a, b) => cmp(a.day, b.day) || cmp(a.appId, b.appId) || cmp(a.outcome, b.outcome));
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

/** App × day: the app's own partitions, named one per day, so only they are read. */
export async function listHourlyAppUsage(c: Containers, appId: string, fromDay: string, toDay: string) {
  const days = daysOf(fromDay, toDay);
  if (days?.length === 0) return [];
  const params: Record<string, unknown> = { "@app": appId, "@from": fromDay, "@to": toDay };
  days?.forEach((d, i) => (params[`@p${i}`] = usagePartition(appId, d)));
  const inPartitions = days ? ` AND c.pk IN (${days.map((_, i) => `@p${i}`).join(", ")})` : "";
  const docs = await queryAll<HourlyDoc>(
    c.usage,
    `SELECT * FROM c WHERE c.kind = "hourly" AND c.appId = @app AND c.hour >= @from AND c.hour < @to${inPartitions}`,
    params,
  );
  return docs.map(toHourlyUsage).sort(hourlyOrder);
}

/** Hourly rows of these deployments, every app, oldest first. */
export async function listHourlyUsage(c: Containers, fromDay: string, toDay: string, deployments: readonly string[]) {
  if (deployments.length === 0) return [];
  const params: Record<string, unknown> = { "@from": fromDay, "@to": toDay };
  deployments.forEach((d, i) => (params[`@d${i}`] = d));
  const docs = await queryAll<HourlyDoc>(
    c.usage,
    `SELECT * FROM c WHERE c.kind = "hourly" AND c.hour >= @from AND c.hour < @to AND c.deployment IN (${deployments.map((_, i) => `@d${i}`).join(", ")})`,
    params,
  );
  return docs.map(toHourlyUsage).sort(hourlyOrder);
}

/** Two `VALUE` aggregates: the form a cross-partition aggregate query takes on every SDK version. */
export async function getUsageDayRange(c: Containers): Promise<{ first: string; last: string } | null> {
  const dayOf = async (f: "MIN" | "MAX") => (await queryAll<string>(c.usage, `SELECT VALUE ${f}(c.day) FROM c WHERE c.kind = "daily"`))[0];
  const [first, last] = await Promise.all([dayOf("MIN"), dayOf("MAX")]);
  return first && last ? { first, last } : null;
}

/** App ids with usage, from the small index the usage writer keeps (no DISTINCT needed). */
export async function listUsageAppIds(c: Containers): Promise<string[]> {
  const ids = await queryAll<string>(c.reference, `SELECT VALUE c.appId FROM c WHERE c.kind = "usageApp"`, {}, "usageApp");
  return [...new Set(ids)].sort(cmp);
}
