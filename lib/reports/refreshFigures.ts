import { nextMonth } from "../core/months";
import { inTurn, yieldToLoop } from "../core/yieldToLoop";
import { inPhases, phaseDone } from "../ledger/phaseDone";
import { LedgerReader } from "../ledger/ledgerReader";
import { monthUsageLines } from "../statements/monthUsageLines";
import type { ReportStore } from "../store/port";
import { readAppFigures, readAppRows, readTrend, readUncovered } from "./monthFigures";
import { getCallOutcomes } from "./getCallOutcomes";
import { basisDays, getComparisonBasis } from "./comparisonBasis";
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
    // Each phase with a reader of its own, let go (and collected, where the process may: phaseDone)
    // before the next: a month's ledger, its usage and its tag rows are most of this command's
    // memory at 5,000 apps, and two of them held at once (the month's and the month before's, for
    // the comparison basis) or kept through the reports were most of its peak.
    const basisAsOf = await refreshBasis(store, month);
    await phaseDone();
    const figuresAsOf = await refreshMonth(store, month);
    await phaseDone();
    // The reports last: their basis is the month before, and its figures may be built above. They
    // read the figures just stored.
    const views = new LedgerReader(store);
    await inTurn([
      () => readUnmappedUsage(views, month),
      ...REPORT_DIMENSIONS.flatMap((by) => (["month", "compared", "basis"] as const).map((side) => () => readReportRows(views, month, by, side))),
    ]);
    await refreshScopeViews(views, month);
    const asOf = Math.min(basisAsOf ?? Infinity, figuresAsOf ?? Infinity, views.figuresAsOf() ?? Infinity);
    done.push({ month, asOf: new Date(Number.isFinite(asOf) ? asOf : 0).toISOString() });
    await phaseDone();
  }
  return done;
}

/**
 * The month's comparison basis (the month before, or its same days while this month is in
 * progress), built before the month's own ledger: building it may price and attribute the month
 * before whole, which then is let go first.
 */
async function refreshBasis(store: ReportStore, month: string): Promise<number | undefined> {
  const reader = new LedgerReader(store);
  await inTurn([() => getComparisonBasis(reader, month)]);
  return reader.figuresAsOf();
}

/**
 * The month's figures from its ledger: any app's rows build every app's; the comparison basis of
 * the month after, when that is the one in progress (its same days of this month, from this
 * ledger, instead of pricing this month again for it); the pages' default breakdown too. One step
 * at a time with the loop let run between (a web server builds this after a close), each step's
 * garbage (a part's JSON is tens of MB at 5,000 apps) collected before the next beside the ledger,
 * and each step's part let go once stored: kept, they added up to half a ledger by the last step.
 */
async function refreshMonth(store: ReportStore, month: string): Promise<number | undefined> {
  const reader = new LedgerReader(store);
  const after = nextMonth(month);
  const steps = [
    () => monthUsageLines(reader, month),
    () => readTrend(reader, month),
    () => readAppFigures(reader, month),
    () => readUncovered(reader, month),
    () => readAppRows(reader, month, ""),
    () => getCallOutcomes(reader, month),
    ...(basisDays(after).through ? [() => getComparisonBasis(reader, after)] : []),
    () => dimensionShares(reader, month, tagDimension(DEFAULT_BREAKDOWN.slice(4))),
    () => readHolderDays(reader, month),
  ];
  await inPhases(steps.map((step) => () => step().then(() => reader.letGoOfParts())));
  return reader.figuresAsOf();
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
