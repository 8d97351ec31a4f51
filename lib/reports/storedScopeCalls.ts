import type { LedgerReader } from "../ledger/ledgerReader";
import { getCallOutcomes, type CallOutcomes } from "./getCallOutcomes";
import { readDailyTrend, type DailyTrend } from "./getDailyTrend";
import { ALL_UNITS, type ReportScope, scopeKey } from "./reportScope";
import { storedReports } from "./storedReports";

/**
 * The calls by outcome and the daily trend of a month in one scope, stored per scope with the
 * month's reports (their stamp covers the month's usage and what prices and attributes it, app
 * names included): at 5,000 apps, summing every app's outcome groups and every day's units for a
 * scope took a page tens of milliseconds each time. Built by the first view of a scope (the
 * figures refresh builds every unit's); plain JSON, money as decimal strings.
 */
export const readScopeCalls = (reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<CallOutcomes> =>
  storedReports(reader, month).part(`calls:${scopeKey(scope)}`, () => getCallOutcomes(reader, month, scope));

export const readScopeTrend = (reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<DailyTrend> =>
  storedReports(reader, month).part(`trend:${scopeKey(scope)}`, () => readDailyTrend(reader, month, scope));
