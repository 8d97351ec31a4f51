import { describe, expect, it, onTestFinished } from "vitest";
import { getBudgetOutlook, type OutlookTarget } from "../../../lib/budgets/getBudgetOutlook";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { explainChange } from "../../../lib/reports/explainChange";
import { filterOptions } from "../../../lib/reports/filterOptions";
import { reportFromLines } from "../../../lib/reports/getChargebackReport";
import { readReport } from "../../../lib/reports/readReport";
import { readReportWithChanges } from "../../../lib/reports/storedReportViews";
import { getReportWithChanges } from "../../../lib/reports/storedReports";
import { readSplitLines } from "../../../lib/reports/storedSplitLines";
import { getSplitLines } from "../../../lib/reports/getSplitLines";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { getMonthView } from "../../../lib/reports/getMonthView";
import { getCallOutcomes } from "../../../lib/reports/getCallOutcomes";
import { getDailyTrend } from "../../../lib/reports/getDailyTrend";
import { readScopeCalls, readScopeTrend } from "../../../lib/reports/storedScopeCalls";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { getComparisonBasis } from "../../../lib/reports/comparisonBasis";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { readFilterOptions } from "../../../lib/reports/storedFilterOptions";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { monthLines } from "../../../lib/statements/monthLines";
import type { UsageStore } from "../../../lib/store/port";
import { counted } from "../../support/countedStore";
import { ingestLines, v1Event } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember, seedOctoberAndNovember } from "../../support/twoMonths";
import { freshStore } from "../../support/store";
import { SqliteStore } from "../../../lib/store/sqlite/sqliteStore";

const SCOPES = [ALL_UNITS, onlyUnits(["Marketing"]), onlyUnits(["Retail", "Marketing"]), onlyUnits([])];
const TARGETS: OutlookTarget[] = [
  { units: "all" },
  { units: ["Retail"] },
  { units: [] },
  { scope: "business-unit:Marketing" },
  { scope: "business-unit:Retail", within: ["Marketing"] },
  { scope: "cost-center:CC-1" },
  { scope: "app:app-1" },
  { scope: "app:app-9" },
  { scope: "app:app-2", within: ["Marketing"] },
  { scope: "app:app-9", within: ["Retail"] },
];

/** October closed, a late October event correcting it in November, an unmapped app in November. */
async function twoMonthsWithACorrection(): Promise<UsageStore> {
  const store = await octoberAndNovember();
  await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
  await ingestLines(store, [...events("app-2", "2026-10-20", 3, "late"), ...events("app-9", "2026-11-03", 5, "unmapped"), ...events("app-2", "2026-11-04", 7)]);
  return store;
}

describe("a month's figures stored per scope", () => {
  it("are what the month's lines give, to the 10^-18, read without the month's usage once built", async () => {
    const store = await twoMonthsWithACorrection();
    const fresh = new LedgerReader(store);
    for (const month of ["2026-10", "2026-11"]) {
      const lines = await monthLines(fresh, month);
      for (const scope of SCOPES) {
        // Built once (stored), then read by another reader: both as the lines give them.
        const expected = filterOptions(lines, scope);
        expect(await readFilterOptions(new LedgerReader(store), month, scope)).toEqual(expected);
        const { store: watched, named } = counted(store);
        expect(await readFilterOptions(new LedgerReader(watched), month, scope)).toEqual(expected);
        if (month === "2026-11") expect(named("listDailyUsage")).toEqual([]);
        // The previous month's total the overview projects against, from its stored rows.
        for (const by of ["business-unit", "app"] as const)
          expect(await readReport(new LedgerReader(store), month, by, scope)).toEqual(reportFromLines(lines, by, scope));
        // The finished tables with their changes: stored once, then read, as the rows add them up.
        for (const by of ["business-unit", "cost-center", "app", "model"] as const) {
          const expectedTable = await getReportWithChanges(new LedgerReader(store), month, by, scope);
          expect(await readReportWithChanges(new LedgerReader(store), month, by, scope)).toEqual(expectedTable);
          expect(await readReportWithChanges(new LedgerReader(store), month, by, scope)).toEqual(expectedTable);
        }
      }
      for (const target of TARGETS) {
        const budgets = [] as const;
        const known = await getBudgetOutlook(fresh, month, target, budgets, { at: NOV_5, lines: Promise.resolve(lines) });
        const { store: watched, named } = counted(store);
        expect(await getBudgetOutlook(new LedgerReader(watched), month, target, budgets, { at: NOV_5 })).toEqual(known);
        if (month === "2026-11") expect(named("listDailyUsage")).toEqual([]);
      }
    }
    // The cases above are not all empty: the unmapped app and the correction are counted.
    const nov = await getBudgetOutlook(new LedgerReader(store), "2026-11", { scope: "app:app-9" }, [], { at: NOV_5 });
    expect(nov.actual).not.toBe("0.00");
  });

  it("hold a unit's split lines and each breakdown by tag or end user as the month's lines give them", async () => {
    const store = await twoMonthsWithACorrection();
    const lines = await monthLines(new LedgerReader(store), "2026-11");
    for (const unit of ["Retail", "Marketing", "Nowhere"]) {
      expect(await readSplitLines(new LedgerReader(store), "2026-11", unit)).toEqual(getSplitLines(lines.lines, unit));
      expect(await readSplitLines(new LedgerReader(store), "2026-11", unit)).toEqual(getSplitLines(lines.lines, unit));
    }
    for (const scope of SCOPES)
      for (const by of ["end-user", "tag:project"] as const)
        for (const onlyApp of [undefined, "app-2"]) {
          const built = await getDimensionReport(new LedgerReader(store), "2026-11", by, { scope, onlyApp });
          const { store: watched, named } = counted(store);
          expect(await getDimensionReport(new LedgerReader(watched), "2026-11", by, { scope, onlyApp })).toEqual(built);
          expect(named("listDailyUsage")).toEqual([]);
        }
    for (const appId of ["app-1", "app-2", "app-9", "app-unknown"])
      for (const scope of SCOPES) {
        const built = await getAppReport(new LedgerReader(store), appId, "2026-11", scope);
        const { store: watched, named } = counted(store);
        expect(await getAppReport(new LedgerReader(watched), appId, "2026-11", scope)).toEqual(built);
        expect(named("listDailyUsage")).toEqual([]);
      }
    expect((await getAppReport(new LedgerReader(store), "app-9", "2026-11", ALL_UNITS))?.total).not.toBe("0.00");
    // Unread lines say so rather than passing for an empty month.
    const view = await getMonthView(new LedgerReader(store), "2026-11", ALL_UNITS, { lines: false });
    expect(() => view.lines.lines).toThrow(/not read/);
    const basis = await getComparisonBasis(new LedgerReader(store), "2026-11", NOV_5, { lines: false });
    expect([basis.label, basis.usageOnly]).toEqual([(await getComparisonBasis(new LedgerReader(store), "2026-11", NOV_5)).label, true]);
    expect(() => basis.lines.currency).toThrow(/not read/);
  });

  it("explain a month's change as its lines do, for every scope, and name apps as the directory does now", async () => {
    const store = await twoMonthsWithACorrection();
    for (const scope of SCOPES) {
      const built = await explainChange(new LedgerReader(store), "2026-11", scope);
      const { store: watched, named } = counted(store);
      expect(await explainChange(new LedgerReader(watched), "2026-11", scope)).toEqual(built);
      expect(named("listDailyUsage")).toEqual([]);
      // A closed month's is stored like an open one's, and read back the same.
      expect(await explainChange(new LedgerReader(store), "2026-10", scope)).toEqual(await explainChange(new LedgerReader(store), "2026-10", scope));
    }
    const all = await explainChange(new LedgerReader(store), "2026-11", ALL_UNITS);
    expect(all?.pieces.some((p) => p.apps.some((a) => a.appId === "app-9"))).toBe(true);
  });
  it("hold the calls by outcome, the daily trend and the tables per scope as the month's ledger gives them, and follow another process's new usage and mapping", async () => {
    const { store, file } = freshStore();
    await seedOctoberAndNovember(store);
    await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
    // The worker's and the CLI's writes come through their own connection: what this process keeps must follow them.
    const worker = SqliteStore.open(file);
    onTestFinished(() => worker.close());
    const check = async () => {
      for (const month of ["2026-10", "2026-11"]) {
        const ledger = await new LedgerReader(store).ledger(month);
        for (const scope of SCOPES) {
          const calls = await getCallOutcomes(new LedgerReader(store), month, scope);
          const trend = getDailyTrend(ledger, scope);
          // Built and stored by one reader, read by the next without the month's usage or outcomes.
          expect(await readScopeCalls(new LedgerReader(store), month, scope)).toEqual(calls);
          expect(await readScopeTrend(new LedgerReader(store), month, scope)).toEqual(trend);
          const { store: watched, named } = counted(store);
          const view = await getMonthView(new LedgerReader(watched), month, scope, { lines: false });
          expect(view.calls).toEqual(calls);
          expect(view.trend).toEqual(trend);
          expect([...named("listDailyUsage"), ...named("listDailyOutcomes")]).toEqual([]);
          // The tables a page reads (kept decoded in this process while current) are what the stored rows add up to now.
          for (const by of ["business-unit", "app", "model"] as const)
            expect(await readReportWithChanges(new LedgerReader(store), month, by, scope)).toEqual(
              await getReportWithChanges(new LedgerReader(store), month, by, scope),
            );
        }
      }
    };
    await check();
    // New usage with failed calls in November, then app-9 mapped: each stored scope's figures follow.
    await ingestLines(worker, [
      ...events("app-2", "2026-11-06", 4, "more"),
      ...[1, 2].map((i) => v1Event({ requestId: `throttled-${i}`, appId: "app-9", time: "2026-11-07T12:00:00Z", status: 429 })),
    ]);
    await check();
    await importOrgMappings(worker, "appId,costCenter,businessUnit,validFrom\napp-9,CC-9,Marketing,2020-01-01\n", "org.csv");
    await check();
    expect((await readScopeCalls(new LedgerReader(store), "2026-11", onlyUnits(["Marketing"]))).apps.map((a) => a.appId)).toContain("app-9");
  });
});
