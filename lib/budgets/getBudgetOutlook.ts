import Decimal from "decimal.js";
import { dayOf, now } from "../core/clock";
import { formatCents } from "../core/money";
import { monthDays, nextDay } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { MonthLines } from "../statements/monthLines";
import { type Budget, budgetsInMonth, parseScope } from "./budget";
import { forecastMonthEnd } from "./forecast";
import type { DayCost } from "./forecast";
import { dailyCostsBy, dailyCostWhere, type Holders, inScope } from "./scopeCost";
import { storedActualCents } from "./storedActualCost";
import { readAppLines } from "../reports/storedAppLines";
import { asOfDay, budgetFigures } from "./storedBudgetFigures";

/** One day of the chart: the month's cost so far (bars, to today), and the forecast with its range after. */
export type OutlookDay = { day: string; actual: string | null; forecast: string | null; low: string | null; high: string | null };
/** A month's actual cost, budget and forecast for one scope or some units, shaped for a chart (amounts as decimal strings). */
export type BudgetOutlook = {
  month: string;
  currency: string;
  budget: string | null;
  actual: string;
  forecast: { cost: string; low: string; high: string } | null;
  days: OutlookDay[];
};

/**
 * What a page shows: one unit's or app's budget scope (only what `within` units carry of it, for
 * an owner), or the units the caller sees (their business-unit budgets summed).
 */
export type OutlookTarget = { scope: string; within?: "all" | readonly string[] } | { units: "all" | readonly string[] };

function holdersOf(target: OutlookTarget): {
  match: Holders;
  by: "business-unit" | "cost-center" | "app";
  appId?: string;
  budgetScopes: (b: Budget) => boolean;
} {
  if ("scope" in target) {
    const scope = parseScope(target.scope);
    if (!scope || scope.kind === "tag") throw new Error(`no outlook for ${target.scope}`);
    const within = target.within === undefined || target.within === "all" ? null : new Set(target.within);
    return {
      match: (row) => inScope(scope, row) && (within === null || within.has(row.businessUnit)),
      by: scope.kind,
      ...(scope.kind === "app" && { appId: scope.appId }),
      budgetScopes: (b) => b.scope === target.scope,
    };
  }
  const { units } = target;
  const unitSet = units === "all" ? null : new Set(units);
  const isUnitBudget = (b: Budget) => b.scope.startsWith("business-unit:");
  return {
    match: (row) => (unitSet ? unitSet.has(row.businessUnit) : true),
    by: "business-unit",
    budgetScopes: (b) => isUnitBudget(b) && (unitSet ? unitSet.has(b.scope.slice("business-unit:".length)) : true),
  };
}

/**
 * The target's usage cost per day to `until` (dailyCostWhere), stored per month as of today: the
 * units' total, each unit's and each app's (every unit's part of it) built together, another
 * target (an owner's units, an app within them) by the first view that asks.
 */
async function storedDaily(reader: LedgerReader, month: string, today: string, until: string, target: OutlookTarget, match: Holders): Promise<DayCost[]> {
  const stored = budgetFigures(reader, month, asOfDay(month, today));
  const family = (kind: "business-unit" | "app") =>
    stored.keyedPart(
      `budget:daily:${kind}`,
      "scope" in target ? target.scope.slice(kind.length + 1) : "",
      () => dailyCostsBy(reader, month, until, (row) => (kind === "app" ? row.appId : row.businessUnit || undefined)),
      [],
    );
  if ("units" in target && target.units === "all") return stored.part("budget:daily", () => dailyCostWhere(reader, month, until, match));
  if ("scope" in target && (target.within === undefined || target.within === "all")) {
    if (target.scope.startsWith("business-unit:")) return family("business-unit");
    if (target.scope.startsWith("app:")) return family("app");
  }
  const key = "units" in target ? { units: [...target.units].sort() } : { scope: target.scope, within: [...(target.within ?? [])].sort() };
  return stored.part(`budget:daily:${JSON.stringify(key)}`, () => dailyCostWhere(reader, month, until, match));
}

/** Each unit's and each app's daily cost and the units' total, stored as of `at`: what the figures task builds ahead of the pages. */
export async function refreshOutlooks(reader: LedgerReader, month: string, at = now()): Promise<void> {
  const today = dayOf(at);
  const { from, to } = monthDays(month);
  const until = from <= today && today < to ? nextDay(today) : to;
  const match = () => true;
  await Promise.all([
    storedDaily(reader, month, today, until, { units: "all" }, match),
    storedDaily(reader, month, today, until, { scope: "business-unit:" }, match),
    storedDaily(reader, month, today, until, { scope: "app:" }, match),
  ]);
}

/**
 * The month's cost as the chargeback report counts it, each day's cost so far (one-offs such as
 * fees and corrections counted from the first day, so the last bar is the report's total), the
 * budget in effect, and, while the month is open, the forecast to its end with a 90 % range.
 */
export async function getBudgetOutlook(
  reader: LedgerReader,
  month: string,
  target: OutlookTarget,
  budgets: readonly Budget[],
  { at = now(), lines: known }: { at?: number; lines?: Promise<MonthLines> } = {},
): Promise<BudgetOutlook> {
  const { match, by, appId, budgetScopes } = holdersOf(target);
  const today = dayOf(at);
  const { from, to } = monthDays(month);
  // The page's own lines when it has them; otherwise the month's stored report rows, not its lines.
  // An app's from its own stored lines (the app's page reads them too).
  const sumOf = (lines: Pick<MonthLines, "lines" | "currency">) => ({
    cents: lines.lines.filter((l) => match(l)).reduce((sum, l) => sum + l.cents, 0n),
    currency: lines.currency,
  });
  const { cents: actual, currency } = known
    ? sumOf(await known)
    : by === "app"
      ? sumOf(await readAppLines(reader, month, appId ?? ""))
      : await storedActualCents(reader, month, by, match);
  const open = from <= today && today < to;
  const until = open ? nextDay(today) : to;
  const daily = await storedDaily(reader, month, today, until, target, match);
  const inMonth = daily.filter((d) => d.day >= from);
  const oneOffs = actual - BigInt(inMonth.reduce((sum, d) => sum + d.cents, 0));
  const forecast = open
    ? forecastMonthEnd(
        month,
        today,
        daily.filter((d) => d.day < today || d.day === today),
        actual,
      )
    : null;
  const byDay = new Map(inMonth.map((d) => [d.day, d.cents]));
  const ahead = new Map((forecast?.days ?? []).map((d) => [d.day, d]));
  const days: OutlookDay[] = [];
  let sofar = oneOffs;
  for (let d = from; d < to; d = nextDay(d)) {
    const past = !open || d <= today;
    if (past) sofar += BigInt(byDay.get(d) ?? 0);
    const f = ahead.get(d);
    days.push({
      day: d,
      actual: past ? formatCents(sofar) : null,
      forecast: f ? formatCents(f.cents) : null,
      low: f ? formatCents(f.lowCents) : null,
      high: f ? formatCents(f.highCents) : null,
    });
  }
  const inEffect = budgetsInMonth(budgets, month).filter(budgetScopes);
  const budget = inEffect.length === 0 ? null : inEffect.reduce((sum, b) => sum.plus(b.amount), new Decimal(0)).toFixed(2);
  return {
    month,
    currency,
    budget,
    actual: formatCents(actual),
    forecast: forecast && { cost: formatCents(forecast.cents), low: formatCents(forecast.lowCents), high: formatCents(forecast.highCents) },
    days,
  };
}
