import { monthDays } from "../core/months";
import { reservationsIn } from "../pricing/chargedUsage";
import type { Charges } from "../pricing/charges";
import type { DailyUsage, DimensionUsage, HourlyAppUsage, UsageReads } from "../store/port";

/** A month's usage as the ledger prices and attributes it. */
export type MonthUsage = {
  month: string;
  daily: readonly DailyUsage[];
  /** Hourly usage of the deployments reserved in the month: what shares their capacity among apps. */
  hourly: readonly HourlyAppUsage[];
};

export async function loadMonthUsage(store: UsageReads, month: string, charges: Charges): Promise<MonthUsage> {
  const { from, to } = monthDays(month);
  const reserved = [...new Set(reservationsIn(month, charges).map((r) => r.deployment))];
  const [daily, hourly] = await Promise.all([store.listDailyUsage(from, to), reserved.length > 0 ? store.listHourlyUsage(from, to, reserved) : []]);
  return { month, daily, hourly };
}

/** A month's usage per value of one dimension: a tag (`tag:<key>`, which split rules may share by) or the end user. */
export async function loadDimensionUsage(store: UsageReads, month: string, dimension: string): Promise<DimensionUsage[]> {
  const { from, to } = monthDays(month);
  return store.listDailyDimensionUsage(from, to, dimension);
}
