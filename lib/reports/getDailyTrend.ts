import { allocateCents, formatCents } from "../core/money";
import type { MonthLedger } from "../ledger/monthLedger";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";
import { itemAt } from "../core/arrays";

export type DailyTrend = { days: string[]; units: string[]; cost: Record<string, Record<string, string>> };

/**
 * Cost per UTC day and business unit ("" = unmapped), after discounts, as usage is priced and
 * mapped today: for a closed month it can differ from the frozen statement by the corrections
 * booked since, which the report lists.
 */
export function getDailyTrend({ attributed: rows }: Pick<MonthLedger, "attributed">, scope: ReportScope = ALL_UNITS): DailyTrend {
  const atto = new Map<string, Map<string, bigint>>();
  for (const { charge: priced, ...u } of rows) {
    const unit = u.businessUnit;
    if (unit === "" ? scope.units !== "all" : !includesUnit(scope, unit)) continue;
    if (!priced.priced) continue;
    const day = atto.get(u.day) ?? new Map<string, bigint>();
    day.set(unit, (day.get(unit) ?? 0n) + priced.atto);
    atto.set(u.day, day);
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
