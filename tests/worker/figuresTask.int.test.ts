import { describe, expect, it } from "vitest";
import { figuresTask } from "../../ingest/worker/figuresTask";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { getChargebackReport } from "../../lib/reports/getChargebackReport";
import { staleFigureMonths } from "../../lib/budgets/refreshBudgetFigures";
import { staleMonths } from "../../lib/reports/refreshFigures";
import { counted } from "../support/countedStore";
import { ingestLines } from "../support/ingest";
import { events, octoberAndNovember } from "../support/twoMonths";

describe("the worker's figures task", () => {
  it("builds the months a batch or a dated mapping reached, so a report only reads, and leaves the others", async () => {
    const store = await octoberAndNovember();
    const task = figuresTask(store, 60_000);
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual(["2026-10", "2026-11"]);
    await task.run();
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual([]);
    // The forecasts and anomalies as of today too (lib/budgets/refreshBudgetFigures.ts).
    expect(await staleFigureMonths(store, ["2026-10", "2026-11"])).toEqual([]);
    const { store: watched, named } = counted(store);
    const report = await getChargebackReport(new LedgerReader(watched), "2026-11", "business-unit");
    expect(named("listDailyUsage")).toEqual([]);
    expect(report.rows.map((r) => r.key)).toEqual(["Retail"]);

    // A batch into November: November's reports (and none of October's) are stale until the task runs.
    await ingestLines(store, events("app-2", "2026-11-03", 4, "batch"));
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual(["2026-11"]);
    await task.run();
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual([]);
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit")).rows.map((r) => r.key)).toEqual(["Retail", "Marketing"]);

    // A mapping from November on reaches November only; one back-dated to October reaches both.
    await store.saveOrgMappings([{ appId: "app-7", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-11-01", validTo: null }]);
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual(["2026-11"]);
    await task.run();
    await store.saveOrgMappings([{ appId: "app-8", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-10-15", validTo: null }]);
    expect(await staleMonths(store, ["2026-10", "2026-11"])).toEqual(["2026-10", "2026-11"]);
  });
});
