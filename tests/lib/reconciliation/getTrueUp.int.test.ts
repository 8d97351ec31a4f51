import { describe, expect, it } from "vitest";
import { parseCents } from "../../../lib/core/money";
import { getTrueUp } from "../../../lib/reconciliation/getTrueUp";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { importMarkups } from "../../../lib/statements/importMarkups";
import { getStatement } from "../../../lib/statements/getStatement";
import { billedStore as billed } from "../../support/billedStore";
import { loadScenarioUsage } from "../../support/invoiceScenario";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const DEC_5 = Date.UTC(2026, 11, 5);
const sumOf = (amounts: string[]) => amounts.reduce((a, b) => a + parseCents(b), 0n);

describe("true-up to the invoice", () => {
  it("gives each app its meters' invoiced cost by computed cost, shares the unmatched $0.20 pro rata, and the units sum to the invoice", async () => {
    const t = await getTrueUp(await billed(), "2026-11", "pro-rata");
    // app-1 alone used gpt-4o Global: its $0.70 + $0.30. app-2 alone used gpt-4.1-mini Data Zone
    // ($0.40 + $2.38 + $1.58 = $4.36) and the Swedish deployment, which the bill has nothing for.
    // The lab's $0.20 (no gateway usage) goes 70 : 561 by computed cost ($0.70 : $5.61):
    // app-1 $0.0221870…, app-2 $0.1778129…; Retail $1.0221870… → $1.02, Marketing $4.5378129… → $4.54.
    expect(t).toEqual({
      month: "2026-11",
      currency: "USD",
      invoice: "5.56",
      unmatched: "0.20",
      unmatchedTo: "pro rata",
      rows: [
        { businessUnit: "Marketing", costCenter: "CC-2", appId: "app-2", rule: "", list: "5.61", computed: "5.61", actual: "4.54", trueUp: "-1.07" },
        { businessUnit: "Retail", costCenter: "CC-1", appId: "app-1", rule: "", list: "0.70", computed: "0.70", actual: "1.02", trueUp: "0.32" },
      ],
      businessUnits: [
        { businessUnit: "Marketing", list: "5.61", computed: "5.61", actual: "4.54", trueUp: "-1.07" },
        { businessUnit: "Retail", list: "0.70", computed: "0.70", actual: "1.02", trueUp: "0.32" },
      ],
    });
    expect(sumOf(t.businessUnits.map((b) => b.actual))).toBe(parseCents(t.invoice));
  });

  it("gives unmatched invoice cost to the cost center an admin names, under its own app", async () => {
    const t = await getTrueUp(await billed(), "2026-11", { costCenter: "CC-1" });
    expect(t.rows).toEqual([
      { businessUnit: "Marketing", costCenter: "CC-2", appId: "app-2", rule: "", list: "5.61", computed: "5.61", actual: "4.36", trueUp: "-1.25" },
      { businessUnit: "Retail", costCenter: "CC-1", appId: "app-1", rule: "", list: "0.70", computed: "0.70", actual: "1.00", trueUp: "0.30" },
      { businessUnit: "Retail", costCenter: "CC-1", appId: "invoice-unmatched", rule: "", list: "0.00", computed: "0.00", actual: "0.20", trueUp: "0.20" },
    ]);
    expect(t.businessUnits.map((b) => [b.businessUnit, b.actual])).toEqual([
      ["Marketing", "4.36"],
      ["Retail", "1.20"],
    ]);
    expect(sumOf(t.businessUnits.map((b) => b.actual))).toBe(parseCents(t.invoice));
    await expect(getTrueUp(await billed(), "2026-11", { costCenter: "CC-9" })).rejects.toThrow('no cost center "CC-9" in the org mappings');
  });
});

describe("closing a month on actual cost", () => {
  it("freezes true-up lines: each unit's statement shows list, actual and the true-up, and the units sum to the invoice", async () => {
    const store = await billed();
    await closeMonth(store, "2026-11", "Fiona", DEC_5, { actual: "pro-rata" });
    const retail = (await getStatement(store, "2026-11", "Retail"))!;
    expect(retail.lines.map((l) => [l.kind, l.model, l.listCost, l.cost])).toEqual([
      ["trueup", "true-up", "0.00", "0.32"],
      ["usage", "gpt-4o-2024-08-06", "0.70", "0.70"],
    ]);
    expect([retail.listTotal, retail.total]).toEqual(["0.70", "1.02"]);
    const marketing = (await getStatement(store, "2026-11", "Marketing"))!;
    expect([marketing.listTotal, marketing.total]).toEqual(["5.61", "4.54"]);
    expect(marketing.lines.find((l) => l.kind === "trueup")).toMatchObject({
      cost: "-1.07",
      reason: "true-up to the Azure invoice of 2026-11 (effective cost; invoice cost without usage shared pro rata)",
    });
    const report = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(report.total).toBe("5.56");
    expect(sumOf(report.rows.map((r) => r.cost))).toBe(parseCents("5.56"));
    // The true-up is settled at the close, not a difference for December to correct.
    expect((await getChargebackReport(new LedgerReader(store), "2026-12", "business-unit")).adjustments).toEqual([]);
  });

  it("computes markups on the actual cost, and books no correction for them afterwards", async () => {
    const store = await billed();
    await importMarkups(store, "businessUnit,kind,amount,validFrom\n*,percent,10,2026-11-01\n", "markups.csv");
    await closeMonth(store, "2026-11", "Fiona", DEC_5, { actual: "pro-rata" });
    // 10% of Retail's actual $1.0221870… and of Marketing's $4.5378129…, not of their computed $0.70 and $5.61:
    // $1.1244057… and $4.9915942…, whose cents add up to $6.12 (the largest remainder is Retail's);
    // within Retail, the markup's $0.1022187… has a larger remainder than the true-up's $0.3221870….
    const retail = (await getStatement(store, "2026-11", "Retail"))!;
    expect(retail.lines.map((l) => [l.kind, l.cost])).toEqual([
      ["markup", "0.11"],
      ["trueup", "0.32"],
      ["usage", "0.70"],
    ]);
    const report = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(report.rows.map((r) => [r.key, r.cost])).toEqual([
      ["Marketing", "4.99"],
      ["Retail", "1.13"],
    ]);
    expect(report.total).toBe("6.12");
    expect((await getChargebackReport(new LedgerReader(store), "2026-12", "business-unit")).adjustments).toEqual([]);
  });

  it("refuses to close on actual cost without an imported invoice", async () => {
    const { store } = freshStore();
    await loadScenarioUsage(store);
    await expect(closeMonth(store, "2026-11", "Fiona", DEC_5, { actual: "pro-rata" })).rejects.toThrow(
      "no invoice is imported for 2026-11: run chargeback invoice import first, or close it on list cost",
    );
    expect(await store.getClosedMonth("2026-11")).toBeNull();
  });
});
