import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth, reopenMonth } from "../../../lib/statements/closeMonth";
import { ingestLines } from "../../support/ingest";
import { DEC_5, events, NOV_5, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const costs = (report: { rows: { key: string; cost: string }[] }) => Object.fromEntries(report.rows.map((r) => [r.key, r.cost]));

describe("closing a month", () => {
  it("freezes its report: later mapping fixes and late events show as adjustments in the next open month", async () => {
    const store = await octoberAndNovember();
    const before = await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");
    await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
    const frozen = await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");
    // Live call counts are an open month's only: the frozen report has the money, nothing that moves.
    const { calls, ...money } = before;
    expect(calls?.requests).toBe(1200);
    expect(frozen).toEqual({ ...money, closed: { closedAt: "2026-11-05T00:00:00.000Z", closedBy: "Finance analyst" } });
    expect(costs(frozen)).toEqual({ Retail: "3.50", Marketing: "0.70" });

    // app-1 really belonged to Marketing all along, and 100 October events arrive late.
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-1,CC-2,Marketing,2020-01-01\n", "fix.csv");
    await ingestLines(store, events("app-2", "2026-10-20", 100, "late"));
    expect(await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit")).toEqual(frozen);

    const november = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    // November's own usage (now Marketing's) is $0.35; October moves $3.50 and adds $0.35 of late usage.
    expect(costs(november)).toEqual({ Marketing: "4.20", Retail: "-3.50" });
    expect(november.total).toBe("0.70");
    expect(november.rows.find((r) => r.key === "Marketing")?.requests).toBe(100);
    expect(november.adjustments.map((a) => [a.businessUnit, a.appId, a.cost, a.reason]).sort()).toEqual([
      ["Marketing", "app-1", "3.50", "app mapping changed after the close of 2026-10 (booked in 2026-11)"],
      ["Marketing", "app-2", "0.35", "usage recorded after the close of 2026-10 (booked in 2026-11)"],
      ["Retail", "app-1", "-3.50", "app mapping changed after the close of 2026-10 (booked in 2026-11)"],
    ]);
    const retailOnly = await getChargebackReport(new LedgerReader(store), "2026-11", "app", onlyUnits(["Retail"]));
    expect(retailOnly.adjustments.map((a) => a.businessUnit)).toEqual(["Retail"]);
    expect(retailOnly.total).toBe("-3.50");
  });

  it("freezes the adjustments it carries, so they are booked once; only the latest closed month reopens, with a reason", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    await ingestLines(store, events("app-2", "2026-10-20", 100, "late"));
    await closeMonth(store, "2026-11", "fin", DEC_5);
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit")).adjustments).toHaveLength(1);
    expect((await getChargebackReport(new LedgerReader(store), "2026-12", "business-unit")).adjustments).toEqual([]);

    await expect(reopenMonth(store, "2026-10", "fin", "wrong prices were loaded")).rejects.toThrow("reopen 2026-11 first");
    await expect(reopenMonth(store, "2026-11", "fin", "oops")).rejects.toThrow("say why the month is reopened");
    await reopenMonth(store, "2026-11", "fin", "a mapping was missing at close", DEC_5 + 1000);
    const reopened = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(reopened.closed).toBeNull();
    expect(reopened.adjustments.map((a) => a.cost)).toEqual(["0.35"]);
    expect((await store.listMonthLog()).map((e) => [e.month, e.action, e.reason])).toEqual([
      ["2026-10", "close", ""],
      ["2026-11", "close", ""],
      ["2026-11", "reopen", "a mapping was missing at close"],
    ]);
  });

  it("refuses a month that has not ended, and one already closed", async () => {
    const store = await octoberAndNovember();
    await expect(closeMonth(store, "2026-11", "fin", NOV_5)).rejects.toThrow("2026-11 has not ended yet: it can be closed from 2026-12-01 (UTC)");
    await closeMonth(store, "2026-10", "fin", NOV_5);
    await expect(closeMonth(store, "2026-10", "fin", NOV_5)).rejects.toThrow("2026-10 is already closed (2026-11-05 00:00 UTC by fin)");
    await expect(reopenMonth(store, "2026-09", "fin", "never was closed")).rejects.toThrow("2026-09 is not closed");
  });
});
