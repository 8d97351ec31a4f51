import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { getMonthView } from "../../../lib/reports/getMonthView";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { counted } from "../../support/countedStore";
import { ingestLines } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

/** October closed, then a late October event: November is open and October's correction lands in it. */
async function novemberWithACorrection() {
  const store = await octoberAndNovember();
  await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
  await ingestLines(store, events("app-2", "2026-10-20", 3, "late"));
  return store;
}

describe("a view reads each month once", () => {
  it("the overview: the open month, the closed month before it and its correction, each read from the store once", async () => {
    const { store, repeated, named } = counted(await novemberWithACorrection());
    const view = await getMonthView(new LedgerReader(store), "2026-11", ALL_UNITS);

    expect(repeated()).toEqual([]);
    // November's usage, and October's (its correction is October now less what was frozen): once each.
    expect(named("listDailyUsage").sort()).toEqual(['listDailyUsage(["2026-10-01","2026-11-01"])', 'listDailyUsage(["2026-11-01","2026-12-01"])']);
    expect(named("listStatementLines").sort()).toEqual(['listStatementLines([{"forMonth":"2026-10"}])', 'listStatementLines([{"month":"2026-10"}])']);
    for (const catalog of ["listClosedMonths", "listOrgMappings", "listSplitRules", "listMarkups", "listApps", "listDiscounts"])
      expect(named(catalog)).toHaveLength(1);
    // And the views agree: the correction is in November's lines, the trend is November's.
    expect(view.lines.lines.filter((l) => l.kind === "adjustment").map((l) => l.forMonth)).toEqual(["2026-10"]);
    expect(view.previous.closed?.month).toBe("2026-10");
    expect(view.trend.days.every((d) => d.startsWith("2026-11"))).toBe(true);
  });

  it("the report API: an open month with a correction, and a unit page's breakdown beside it, read the store once per question", async () => {
    const { store, repeated, named } = counted(await novemberWithACorrection());
    const reader = new LedgerReader(store);
    const report = await getChargebackReport(reader, "2026-11", "business-unit");
    await getDimensionReport(reader, "2026-11", "end-user", { scope: onlyUnits(["Marketing"]) });

    expect(repeated()).toEqual([]);
    expect(named("listDailyUsage")).toHaveLength(2);
    expect(report.adjustments.map((a) => a.appId)).toEqual(["app-2"]);
  });

  it("a closed month's report reads its frozen statement, not its usage", async () => {
    const { store, named } = counted(await novemberWithACorrection());
    const report = await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");

    expect(report.closed).not.toBeNull();
    expect(named("listDailyUsage")).toEqual([]);
  });
});
