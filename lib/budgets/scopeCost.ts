import { attoToCents } from "../core/money";
import { monthDays, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { dimensionShares } from "../reports/dimensionShares";
import { monthLines, type MonthLines } from "../statements/monthLines";
import type { BudgetScope } from "./budget";
import type { DayCost } from "./forecast";
import { readHolderDays } from "../reports/holderDays";

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
export async function scopeActualCents(reader: LedgerReader, month: string, scope: BudgetScope, read?: Promise<MonthLines>): Promise<bigint> {
  if (scope.kind === "tag") {
    const shares = await dimensionShares(reader, month, `tag:${scope.key}`);
    let atto = 0n;
    for (const line of shares.values()) atto += line.get(scope.value)?.atto ?? 0n;
    return attoToCents(atto);
  }
  const { lines } = await (read ?? monthLines(reader, month));
  return lines.filter((l) => inScope(scope, l)).reduce((sum, l) => sum + l.cents, 0n);
}

const HISTORY_MONTHS = (month: string) => [previousMonth(month), month];

/** Which of a ledger's rows (and a month's lines) count: a unit, cost center or app scope, or some or all units. */
export type Holders = (row: Holder) => boolean;

/**
 * Usage cost per UTC day of the rows `match` takes in `month` and the one before it (four to
 * eight weeks of history: the pages already read the previous month's ledger, so this costs no
 * extra month), fees, corrections and fixed overheads left out: what the forecast reads. Days
 * from `until` on are left out.
 */
export async function dailyCostWhere(reader: LedgerReader, month: string, until: string, match: Holders): Promise<DayCost[]> {
  return (await dailyCostsBy(reader, month, until, (row) => (match(row) ? "" : undefined))).get("") ?? [];
}

/** dailyCostWhere for many scopes in one pass: each row counts for the key `keyOf` gives it (none when undefined). */
export async function dailyCostsBy(
  reader: LedgerReader,
  month: string,
  until: string,
  keyOf: (row: Holder) => string | undefined,
): Promise<Map<string, DayCost[]>> {
  const atto = new Map<string, Map<string, bigint>>();
  for (const m of HISTORY_MONTHS(month)) {
    if (monthDays(m).from >= until) continue;
    for (const r of await readHolderDays(reader, m)) {
      if (r.day >= until) continue;
      const key = keyOf(r);
      if (key === undefined) continue;
      let days = atto.get(key);
      if (!days) atto.set(key, (days = new Map()));
      days.set(r.day, (days.get(r.day) ?? 0n) + r.atto);
    }
  }
  return new Map([...atto].map(([key, days]) => [key, toDayCosts(days)]));
}

/** The scope's usage cost per UTC day (dailyCostWhere); a tag's from the usage carrying it, charged at its day's prices. */
export async function scopeDailyCost(reader: LedgerReader, month: string, scope: BudgetScope, until: string): Promise<DayCost[]> {
  if (scope.kind !== "tag") return dailyCostWhere(reader, month, until, (row) => inScope(scope, row));
  const atto = new Map<string, bigint>();
  for (const m of HISTORY_MONTHS(month)) {
    if (monthDays(m).from >= until) continue;
    const { charges } = await reader.catalog();
    for (const u of await reader.dimensionUsage(m, `tag:${scope.key}`)) {
      if (u.value !== scope.value || u.day >= until) continue;
      const charge = charges.charge(u);
      if (charge.priced) atto.set(u.day, (atto.get(u.day) ?? 0n) + charge.atto);
    }
  }
  return toDayCosts(atto);
}

const toDayCosts = (atto: ReadonlyMap<string, bigint>): DayCost[] =>
  [...atto].map(([day, a]) => ({ day, cents: Number(attoToCents(a)) })).sort((a, b) => (a.day < b.day ? -1 : 1));
