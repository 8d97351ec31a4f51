import Decimal from "decimal.js";
import { dayOf, now } from "../core/clock";
import { formatCents } from "../core/money";
import { monthDays } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { type Budget, budgetsInMonth, parseScope, type Threshold } from "./budget";
import { forecastMonthEnd } from "./forecast";
import { monthLines } from "../statements/monthLines";
import { scopeActualCents, scopeDailyCost } from "./scopeCost";

/** A budget's month: its cost so far, the month-end forecast (open month only) and the thresholds crossed. */
export type BudgetStatus = {
  scope: string;
  month: string;
  currency: string;
  amount: string;
  actual: string;
  /** Percent of the budget, one decimal. */
  actualPercent: string;
  forecast: { cost: string; low: string; high: string; percent: string } | null;
  crossed: Threshold[];
  hard: boolean;
  /** A hard budget the month's actual cost has reached: the gateway refuses the scope's calls. */
  exhausted: boolean;
  notify: string[];
  validFrom: string;
};

const percentOf = (cents: bigint, amount: string) => new Decimal(cents.toString()).div(100).div(amount).times(100);

/**
 * Each budget in effect in `month` with its actual cost (as the chargeback report counts it) and,
 * while the month is open (`now` in it), its month-end forecast. A past month's forecast is its
 * actual; a future month has no cost yet.
 */
export async function getBudgetStatus(reader: LedgerReader, budgets: readonly Budget[], month: string, at = now()): Promise<BudgetStatus[]> {
  const today = dayOf(at);
  const { from, to } = monthDays(month);
  const open = from <= today && today < to;
  const statuses: BudgetStatus[] = [];
  const inMonth = budgetsInMonth(budgets, month);
  // The month's lines once, for every budget: each scope is a filter of them.
  const lines = inMonth.length === 0 ? undefined : monthLines(reader, month);
  for (const b of inMonth) {
    const scope = parseScope(b.scope);
    if (!scope) continue;
    const actual = await scopeActualCents(reader, month, scope, lines);
    const forecast = open ? forecastMonthEnd(month, today, await scopeDailyCost(reader, month, scope, today), actual) : null;
    const projected = forecast?.cents ?? actual;
    const actualPct = percentOf(actual, b.amount);
    const projectedPct = percentOf(projected, b.amount);
    const crossed = b.thresholds.filter((t) => (t.basis === "actual" ? actualPct : projectedPct).greaterThanOrEqualTo(t.percent));
    statuses.push({
      scope: b.scope,
      month,
      currency: b.currency,
      amount: new Decimal(b.amount).toFixed(2),
      actual: formatCents(actual),
      actualPercent: actualPct.toFixed(1),
      forecast: forecast && {
        cost: formatCents(forecast.cents),
        low: formatCents(forecast.lowCents),
        high: formatCents(forecast.highCents),
        percent: projectedPct.toFixed(1),
      },
      crossed,
      hard: b.hard,
      exhausted: b.hard && actualPct.greaterThanOrEqualTo(100),
      notify: b.notify,
      validFrom: b.validFrom,
    });
  }
  return statuses;
}
