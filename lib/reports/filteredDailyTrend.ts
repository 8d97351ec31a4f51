import { allocateCents, formatCents } from "../core/money";
import { itemAt } from "../core/arrays";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { DailyTrend } from "./getDailyTrend";
import { lineMatches } from "./filterLines";
import type { ReportFilters } from "./reportFilters";
import { includesUnit, type ReportScope } from "./reportScope";

/**
 * The daily cost by unit of the usage that passes the unit, cost center, app and model filters
 * (as getDailyTrend, which reads the month's stored figures, computes it for no filter): from the
 * month's ledger, each day's cents allocated once across its units.
 */
export async function filteredDailyTrend(reader: LedgerReader, month: string, scope: ReportScope, filters: ReportFilters): Promise<DailyTrend> {
  const { attributed } = await reader.ledger(month);
  const atto = new Map<string, Map<string, bigint>>();
  for (const r of attributed) {
    if (!r.charge.priced || !(r.businessUnit === "" ? scope.units === "all" : includesUnit(scope, r.businessUnit))) continue;
    if (!lineMatches({ businessUnit: r.businessUnit, costCenter: r.costCenter, appId: r.appId, model: r.charge.modelId }, filters)) continue;
    const units = atto.get(r.day) ?? new Map<string, bigint>();
    units.set(r.businessUnit, (units.get(r.businessUnit) ?? 0n) + r.charge.atto);
    atto.set(r.day, units);
  }
  const days = [...atto.keys()].sort();
  const units = [...new Set(days.flatMap((d) => [...atto.get(d)!.keys()]))].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  const cost: DailyTrend["cost"] = {};
  for (const day of days) {
    const cents = allocateCents(units.map((u) => atto.get(day)!.get(u) ?? 0n));
    cost[day] = Object.fromEntries(units.map((u, i) => [u, formatCents(itemAt(cents, i))]));
  }
  return { days, units, cost };
}
