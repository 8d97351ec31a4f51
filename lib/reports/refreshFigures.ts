import { nextMonth } from "../core/months";
import { inTurn, yieldToLoop } from "../core/yieldToLoop";
import { LedgerReader } from "../ledger/ledgerReader";
import { monthUsageLines } from "../statements/monthUsageLines";
import type { ReportStore } from "../store/port";
import { readAppFigures, readAppRows, readTrend, readUncovered } from "./monthFigures";
import { getCallOutcomes } from "./getCallOutcomes";
import { getComparisonBasis } from "./comparisonBasis";
import { dimensionShares } from "./dimensionShares";
import { tagDimension } from "../events/eventTags";
import { DEFAULT_BREAKDOWN } from "./breakdownParam";
import { REPORT_DIMENSIONS, type ReportDimension } from "./reportRows";
import { readHolderDays } from "./holderDays";
import { readReportRows, readUnmappedUsage, storedReports } from "./storedReports";
import { readReportWithChanges } from "./storedReportViews";
import { readFilterOptions } from "./storedFilterOptions";
import { readSplitLines } from "./storedSplitLines";
import { readScopeCalls, readScopeTrend } from "./storedScopeCalls";
import { readAppLines } from "./storedAppLines";
import { explainChange } from "./explainChange";
import { getDimensionReport } from "./getDimensionReport";
import { ALL_UNITS, onlyUnits, type ReportScope } from "./reportScope";

/**
 * Builds the materialized figures and stored reports of each month that are stale (its usage, or
 * what prices and attributes it, changed since they were built), so the next view only reads them:
 * what `chargeback month refresh` and the worker's figures task run. Shares by other tags and by
 * end user are built by the first view that asks for them. Says when each month's figures were built.
 */
export async function refreshFigures(store: ReportStore, months: readonly string[]): Promise<{ month: string; asOf: string }[]> {
  const done: { month: string; asOf: string }[] = [];
  for (const month of months) {
    const reader = new LedgerReader(store);
    // Any app's rows build every app's; the month's comparison basis (the same days of the month
    // before, while the month is in progress) and the pages' default breakdown too. One step at a
    // time with the loop let run between (yieldToLoop): a web server builds this after a close.
    await inTurn([
      () => monthUsageLines(reader, month),
      () => readTrend(reader, month),
      () => readAppFigures(reader, month),
      () => readUncovered(reader, month),
      () => readAppRows(reader, month, ""),
      () => getCallOutcomes(reader, month),
      () => getComparisonBasis(reader, month),
      () => dimensionShares(reader, month, tagDimension(DEFAULT_BREAKDOWN.slice(4))),
      () => readHolderDays(reader, month),
    ]);
    // The reports last: their basis is the month before, and its figures may be built above. They
    // read the figures just stored, with a reader of their own: the ledger, the month's usage and
    // its tag rows (most of this command's memory at 5,000 apps) are let go first.
    const views = new LedgerReader(store);
    await inTurn([
      () => readUnmappedUsage(views, month),
      ...REPORT_DIMENSIONS.flatMap((by) => (["month", "compared", "basis"] as const).map((side) => () => readReportRows(views, month, by, side))),
    ]);
    await refreshScopeViews(views, month);
    const asOf = Math.min(reader.figuresAsOf() ?? Infinity, views.figuresAsOf() ?? Infinity);
    done.push({ month, asOf: new Date(Number.isFinite(asOf) ? asOf : 0).toISOString() });
  }
  return done;
}

/**
 * What the overview (every unit) and each unit's page read stored per scope, built from the
 * month's rows and lines while this reader holds them: the finished tables, the filter options,
 * the change explained, the default breakdown, the calls by outcome and the daily trend, and each
 * unit's split lines.
 */
async function refreshScopeViews(reader: LedgerReader, month: string): Promise<void> {
  const units = [...new Set((await readReportRows(reader, month, "business-unit")).rows.map((r) => r.unit))];
  const views: [ReportScope, ReportDimension[]][] = [
    [ALL_UNITS, ["business-unit", "app", "model"]],
    ...units.map((unit): [ReportScope, ReportDimension[]] => [onlyUnits([unit]), ["cost-center", "app", "model"]]),
  ];
  for (const [scope, dimensions] of views)
    await inTurn([
      ...dimensions.map((by) => () => readReportWithChanges(reader, month, by, scope)),
      () => readFilterOptions(reader, month, scope),
      () => explainChange(reader, month, scope),
      () => getDimensionReport(reader, month, DEFAULT_BREAKDOWN, { scope }),
      () => readScopeCalls(reader, month, scope),
      () => readScopeTrend(reader, month, scope),
    ]);
  await inTurn(units.map((unit) => () => readSplitLines(reader, month, unit)));
  // Every app's own lines, for its page and forecast (apps with no line this month have none to store).
  const apps = new Set([
    ...(await readReportRows(reader, month, "app")).rows.map((r) => r.key),
    ...(await readUnmappedUsage(reader, month)).map((u) => u.appId),
  ]);
  for (const appId of apps) {
    await readAppLines(reader, month, appId);
    await yieldToLoop();
  }
}

/**
 * The months whose figures or reports are stale, of these: told by the stamp of a part that
 * `refreshFigures` builds in each (a part cut off midway is still built by the first view to read it).
 */
export async function staleMonths(store: ReportStore, months: readonly string[]): Promise<string[]> {
  const reader = new LedgerReader(store);
  const current = await Promise.all(
    months.map(async (m) => (await reader.figures(m).isCurrent("trend")) && (await storedReports(reader, m).isCurrent("report:business-unit:basis"))),
  );
  return months.filter((_, i) => !current[i]);
}

/** Every month from the first with usage to the last. */
export async function monthsWithUsage(store: ReportStore): Promise<string[]> {
  const range = await store.getUsageDayRange();
  const all: string[] = [];
  if (range) for (let m = range.first.slice(0, 7); m <= range.last.slice(0, 7); m = nextMonth(m)) all.push(m);
  return all;
}
