import { Attribution } from "../allocation/attribution";
import { dayBefore, monthDays } from "../core/months";
import { CAPACITY_OPERATION } from "../pricing/chargedUsage";
import { tokensOf, type Tokens } from "../statements/statementLine";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { MonthLedger } from "../ledger/monthLedger";

/**
 * What pages project from a month's ledger, aggregated so a view reads little: each a pure
 * function of the ledger, so a view that reads them stored shows what it would have computed.
 */

/** Cost after discounts per UTC day and business unit ("" = unmapped) of the priced rows, days in first-seen order. */
export type MonthTrend = [day: string, units: [unit: string, atto: bigint][]][];

export function trendOf({ attributed }: Pick<MonthLedger, "attributed">): MonthTrend {
  const days = new Map<string, Map<string, bigint>>();
  for (const { charge, day, businessUnit } of attributed) {
    if (!charge.priced) continue;
    const units = days.get(day) ?? new Map<string, bigint>();
    units.set(businessUnit, (units.get(businessUnit) ?? 0n) + charge.atto);
    days.set(day, units);
  }
  return [...days].map(([day, units]) => [day, [...units]]);
}

/**
 * One app's month for the change explanation: its attributed cost per unit, its tokens, and (apps
 * with charged usage) that usage re-priced as on the day before the month, in the ledger's order.
 */
export type AppFigure = { appId: string; units: [unit: string, atto: bigint][]; tokens: bigint; repriced: bigint; inUsage: boolean };

export function appFiguresOf(ledger: Pick<MonthLedger, "month" | "attributed" | "charged" | "catalog">): AppFigure[] {
  const apps = new Map<string, { units: Map<string, bigint>; tokens: bigint; repriced: bigint; inUsage: boolean }>();
  const of = (appId: string) => {
    let f = apps.get(appId);
    if (!f) apps.set(appId, (f = { units: new Map(), tokens: 0n, repriced: 0n, inUsage: false }));
    return f;
  };
  for (const r of ledger.attributed) {
    const f = of(r.appId);
    f.units.set(r.businessUnit, (f.units.get(r.businessUnit) ?? 0n) + (r.charge.priced ? r.charge.atto : 0n));
  }
  const pricedOn = dayBefore(monthDays(ledger.month).from);
  const { charges } = ledger.catalog;
  for (const r of ledger.charged) {
    const f = of(r.appId);
    f.inUsage = true;
    f.tokens += r.totalTokens;
    if (!r.charge.priced) continue;
    // Provisioned capacity is charged by its reservation, not by price; usage of a model with no
    // price then (new this month) has no price change: both keep their cost.
    const again = r.operation === CAPACITY_OPERATION ? r.charge : charges.charge({ ...r, day: pricedOn });
    f.repriced += again.priced ? again.atto : r.charge.atto;
  }
  return [...apps].map(([appId, f]) => ({ appId, units: [...f.units], tokens: f.tokens, repriced: f.repriced, inUsage: f.inUsage }));
}

/** An attributed row of one app, as its page splits the app's cents by deployment, operation and day. */
export type AppRow = { businessUnit: string; deployment: string; operation: string; day: string; atto: bigint; tokens: Tokens };

/** Each app's attributed rows, in the ledger's order. */
export function appRowsOf({ attributed }: Pick<MonthLedger, "attributed">): Map<string, AppRow[]> {
  const apps = new Map<string, AppRow[]>();
  for (const u of attributed) {
    const rows = apps.get(u.appId) ?? [];
    rows.push({
      businessUnit: u.businessUnit,
      deployment: u.deployment,
      operation: u.operation,
      day: u.day,
      atto: u.charge.priced ? u.charge.atto : 0n,
      tokens: tokensOf(u),
    });
    apps.set(u.appId, rows);
  }
  return apps;
}

/** The first and last day of each app's usage that no mapping or split rule covers. */
export type Uncovered = [appId: string, firstDay: string, lastDay: string];

export function uncoveredOf({ usage, catalog }: Pick<MonthLedger, "usage" | "catalog">): Uncovered[] {
  const attribution = new Attribution(catalog.mappings, catalog.splitRules);
  const apps = new Map<string, [string, string]>();
  for (const u of usage.daily) {
    if (attribution.covers(u.appId, u.deployment, u.day)) continue;
    const span = apps.get(u.appId);
    if (!span) apps.set(u.appId, [u.day, u.day]);
    else {
      if (u.day < span[0]) span[0] = u.day;
      if (u.day > span[1]) span[1] = u.day;
    }
  }
  return [...apps].map(([appId, [first, last]]) => [appId, first, last]);
}

// Each figure read from the month's materialized ledger, built from its ledger when stale.
export const readTrend = (reader: LedgerReader, month: string) => reader.figures(month).part("trend", async () => trendOf(await reader.ledger(month)));
export const readAppFigures = (reader: LedgerReader, month: string) => reader.figures(month).part("apps", async () => appFiguresOf(await reader.ledger(month)));
/** One app's rows: every app's are materialized together, each app's apart. */
export const readAppRows = (reader: LedgerReader, month: string, appId: string) =>
  reader.figures(month).keyedPart("app", appId, async () => appRowsOf(await reader.ledger(month)), [] as AppRow[]);
export const readUncovered = (reader: LedgerReader, month: string) =>
  reader.figures(month).part("uncovered", async () => uncoveredOf(await reader.ledger(month)));
