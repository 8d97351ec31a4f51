import { allocateCents, formatCents } from "../core/money";
import type { MonthLedger } from "../ledger/monthLedger";
import type { LedgerReader } from "../ledger/ledgerReader";
import { type MonthTrend, readTrend, trendOf } from "./monthFigures";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";
import { itemAt } from "../core/arrays";

export type DailyTrend = { days: string[]; units: string[]; cost: Record<string, Record<string, string>> };

/**
 * Cost per UTC day and business unit ("" = unmapped), after discounts, as usage is priced and
 * mapped today: for a closed month it can differ from the frozen statement by the corrections
 * booked since, which the report lists.
 */
export function getDailyTrend(ledger: Pick<MonthLedger, "attributed">, scope: ReportScope = ALL_UNITS): DailyTrend {
  return dailyTrendOf(trendOf(ledger), scope);
}

/** The month's trend from its materialized figures (built from its ledger when stale). */
export async function readDailyTrend(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<DailyTrend> {
  return dailyTrendOf(await readTrend(reader, month), scope);
}

function dailyTrendOf(trend: MonthTrend, scope: ReportScope): DailyTrend {
  const atto = new Map<string, Map<string, bigint>>();
  for (const [day, units] of trend) {
    const seen = units.filter(([unit]) => (unit === "" ? scope.units === "all" : includesUnit(scope, unit)));
    if (seen.length > 0) atto.set(day, new Map(seen));
  }
  const days = [...atto.keys()].sort();
  const units = [...new Set(days.flatMap((d) => [...atto.get(d)!.keys()]))].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  const cost: DailyTrend["cost"] = {};
  for (const day of days) {
    const parts = units.map((u) => atto.get(day)!.get(u) ?? 0n);
    const cents = allocateCents(parts);
    cost[day] = Object.fromEntries(units.map((u, i) => [u, formatCents(itemAt(cents, i))]));
  }
  return { days, units, cost };
}
