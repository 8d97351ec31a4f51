import { overheadName } from "../allocation/splitRule";
import { attoToCents } from "../core/money";
import { monthDays, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { dimensionShares } from "../reports/dimensionShares";
import { monthLines } from "../statements/monthLines";
import type { BudgetScope } from "./budget";
import type { DayCost } from "./forecast";

type Holder = { businessUnit: string; costCenter: string; appId: string };

/** Whether a line or row held by this unit, cost center and app is in a unit, cost center or app scope. */
export function inScope(scope: Exclude<BudgetScope, { kind: "tag" }>, row: Holder): boolean {
  switch (scope.kind) {
    case "business-unit":
      return row.businessUnit === scope.businessUnit;
    case "cost-center":
      return row.costCenter === scope.costCenter && row.businessUnit !== "";
    case "app":
      return row.appId === scope.appId;
  }
}

/**
 * The scope's cost in the month, in cents, as the chargeback report counts it: the month's lines
 * (frozen when closed; live with corrections and fees otherwise), each line's cents. A tag's cost
 * is its usage's share of the lines (the report's tag breakdown).
 */
export async function scopeActualCents(reader: LedgerReader, month: string, scope: BudgetScope): Promise<bigint> {
  if (scope.kind === "tag") {
    const shares = await dimensionShares(reader, month, `tag:${scope.key}`);
    let atto = 0n;
    for (const line of shares.values()) atto += line.get(scope.value)?.atto ?? 0n;
    return attoToCents(atto);
  }
  const { lines } = await monthLines(reader, month);
  return lines.filter((l) => inScope(scope, l)).reduce((sum, l) => sum + l.cents, 0n);
}

/**
 * The scope's usage cost per UTC day in `month` and the two before it (enough for eight weeks of
 * history), fees, corrections and fixed overheads left out: what the forecast reads. Days after
 * `until` (exclusive) are not included.
 */
export async function scopeDailyCost(reader: LedgerReader, month: string, scope: BudgetScope, until: string): Promise<DayCost[]> {
  const months = [previousMonth(previousMonth(month)), previousMonth(month), month];
  const atto = new Map<string, bigint>();
  const add = (day: string, amount: bigint) => {
    if (day < until) atto.set(day, (atto.get(day) ?? 0n) + amount);
  };
  for (const m of months) {
    if (monthDays(m).from >= until) continue;
    const ledger = await reader.ledger(m);
    if (scope.kind === "tag") {
      for (const u of await reader.dimensionUsage(m, `tag:${scope.key}`)) {
        if (u.value !== scope.value) continue;
        const charge = ledger.catalog.charges.charge(u);
        if (charge.priced) add(u.day, charge.atto);
      }
      continue;
    }
    for (const r of ledger.attributed) if (r.charge.priced && overheadName(r.appId) === null && inScope(scope, r)) add(r.day, r.charge.atto);
  }
  return [...atto].map(([day, a]) => ({ day, cents: Number(attoToCents(a)) })).sort((a, b) => (a.day < b.day ? -1 : 1));
}
