import { now as clockNow } from "../core/clock";
import { isProvisioned } from "../pricing/deployment";
import type { UsageStore } from "../store/port";

const DAY_MS = 86_400_000;

/**
 * UTC days (today included) whose hourly rollups stay hourly for every deployment. The readers of
 * hours on any deployment: today's anomalies (lib/budgets/getTodayAnomalies.ts) compare today's
 * hours with the same weekday's in the 8 weeks before, so 8 × 7 + 1 = 57 days; the app page's
 * "requests per hour" chart then covers this month and most of the last. Older days keep one row
 * per app, deployment and day: every sum and the model-time histogram (the app page's average and
 * p95) stay exact.
 */
export const HOURLY_DAYS = 57;

/**
 * Deployments whose hours are kept for ever: provisioned ones (by SKU) and any with a reservation,
 * since the ledger charges reserved capacity per app and hour (lib/pricing/reservationCharges.ts)
 * for every month it is asked for, closed ones included.
 */
async function hourlyDeployments(store: UsageStore): Promise<string[]> {
  const [deployments, reservations] = await Promise.all([store.listDeployments(), store.listReservations()]);
  return [...new Set([...deployments.filter((d) => isProvisioned(d.sku)).map((d) => d.name), ...reservations.map((r) => r.deployment)])].sort();
}

/**
 * End users kept by name per app and day once the day is older than HOURLY_DAYS; the others' usage
 * becomes one value, "(other end users)", per pricing key, so a day holds at most this many end
 * users (plus that one) whatever the traffic. Every line's cost, the share with no end user and each
 * named end user's share stay exact; what is lost is which of the tail's end users used what, in
 * months older than that. Until then (this month and most of the last) every end user is kept.
 */
export const TOP_END_USERS = 25;

export type CompactionSummary = { before: string; dryRun: boolean; kept: string[]; hourlyRows: number; endUserRows: number };

/**
 * Compacts rollups older than HOURLY_DAYS: hours into days (except on provisioned or reserved
 * deployments), end users past the TOP_END_USERS busiest of each app-day into one value.
 */
export async function compactRollups(store: UsageStore, { dryRun = false, now = clockNow() } = {}): Promise<CompactionSummary> {
  const before = new Date(now - (HOURLY_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const kept = await hourlyDeployments(store);
  const folded = await store.compactRollups(before, kept, TOP_END_USERS, dryRun);
  return { before, dryRun, kept, ...folded };
}
