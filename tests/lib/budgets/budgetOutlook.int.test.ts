import { describe, expect, it } from "vitest";
import { getBudgetOutlook } from "../../../lib/budgets/getBudgetOutlook";
import { readBudgets } from "../../../lib/budgets/budgetsCsv";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { octoberAndNovember } from "../../support/twoMonths";
import { itemAt } from "../../../lib/core/arrays";

const NOV_20 = Date.parse("2026-11-20T12:00:00Z");
const BUDGETS = readBudgets(
  "scope,amount,validFrom\nbusiness-unit:Retail,0.40,2026-11-01\nbusiness-unit:Marketing,2,2026-10-01\napp:app-1,0.30,2026-11-01\n",
  "b.csv",
  "USD",
);

describe("a page's budget outlook", () => {
  it("shows the month's cost so far as the report counts it, day by day, the forecast to the month's end and the budget", async () => {
    const store = await octoberAndNovember();
    const reader = new LedgerReader(store);
    const unit = await getBudgetOutlook(reader, "2026-11", { scope: "business-unit:Retail" }, BUDGETS, { at: NOV_20 });
    const report = await getChargebackReport(reader, "2026-11", "business-unit");
    expect(unit.actual).toBe(report.rows.find((r) => r.key === "Retail")!.cost);
    // No usage since the 2nd: nothing more expected, but the 2nd's $0.35 in the last four weeks is
    // noise the range allows for over the 11 days left: 1.645 × 6.61¢ × √(11 + 11²/14) ≈ 48¢.
    expect([unit.budget, unit.actual, unit.forecast]).toEqual(["0.40", "0.35", { cost: "0.35", low: "0.35", high: "0.83" }]);
    expect(unit.days).toHaveLength(30);
    expect(unit.days[0]).toEqual({ day: "2026-11-01", actual: "0.00", forecast: null, low: null, high: null });
    expect(itemAt(unit.days, 1).actual).toBe("0.35");
    expect(unit.days[19]).toMatchObject({ day: "2026-11-20", actual: "0.35", forecast: "0.35" });
    expect(unit.days[20]).toMatchObject({ day: "2026-11-21", actual: null, forecast: "0.35" });
    // Everything seen: both units' budgets summed; an owner's units only.
    const all = await getBudgetOutlook(reader, "2026-11", { units: "all" }, BUDGETS, { at: NOV_20 });
    expect([all.budget, all.actual]).toEqual(["2.40", report.total]);
    expect((await getBudgetOutlook(reader, "2026-11", { units: ["Marketing"] }, BUDGETS, { at: NOV_20 })).actual).toBe("0.00");
    // An app seen by an owner of another unit shows nothing of it.
    expect((await getBudgetOutlook(reader, "2026-11", { scope: "app:app-1", within: ["Marketing"] }, BUDGETS, { at: NOV_20 })).actual).toBe("0.00");
    // A past month: its cost, no forecast.
    const october = await getBudgetOutlook(reader, "2026-10", { scope: "business-unit:Retail" }, BUDGETS, { at: NOV_20 });
    expect([october.budget, october.actual, october.forecast, october.days.at(-1)?.actual]).toEqual([null, "3.50", null, "3.50"]);
  });
});
