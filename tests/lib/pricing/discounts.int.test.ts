import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { focusHeader, focusRows } from "../../../lib/exports/focusCsv";
import { importDiscounts } from "../../../lib/pricing/importDiscounts";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { NOV_5, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const row = (r: { rows: { key: string; cost: string; listCost?: string }[] }, key: string) => r.rows.find((x) => x.key === key);

describe("negotiated discounts", () => {
  it("charge the discounted price from their first day, and statements and FOCUS show list beside effective cost", async () => {
    // October: app-1 (Retail) $3.50 on the 10th, app-2 (Marketing) $0.70 on the 11th, both gpt-4o at list.
    const store = await octoberAndNovember();
    await importDiscounts(store, "family,percent,validFrom\ngpt-4o,20,2026-10-11\n", "discounts.csv");
    const october = await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");
    expect([october.total, october.listTotal]).toEqual(["4.06", "4.20"]);
    expect(row(october, "Retail")).toMatchObject({ cost: "3.50", listCost: "3.50" });
    expect(row(october, "Marketing")).toMatchObject({ cost: "0.56", listCost: "0.70" });

    await closeMonth(store, "2026-10", "fin", NOV_5);
    expect(await getStatement(store, "2026-10", "Marketing")).toMatchObject({ total: "0.56", listTotal: "0.70" });
    const focus = parse(focusHeader() + (await focusRows(new LedgerReader(store), "2026-10", ALL_UNITS)), { columns: true }) as Record<
      "ListCost" | "BilledCost",
      string
    >[];
    // ListCost is unit price × tokens, unrounded (docs/focus.md): it rounds to the list total; BilledCost sums to the cent.
    expect(focus.reduce((s, r) => s.plus(r.ListCost), new Decimal(0)).toFixed(2)).toBe("4.20");
    expect(focus.reduce((s, r) => s + cents(r.BilledCost), 0n)).toBe(406n);

    // A discount agreed later for October is a correction booked in November, with its reason.
    await importDiscounts(store, "family,percent,validFrom,validTo\n*,10,2026-10-01,2026-11-01\n", "late.csv");
    const november = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(november.adjustments.map((a) => [a.businessUnit, a.cost, a.reason])).toEqual([
      ["Retail", "-0.35", "discount changed after the close of 2026-10 (booked in 2026-11)"],
    ]);
    expect((await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit")).total).toBe("4.06");
  });

  it("refuses two discounts of one family on the same day, saving none", async () => {
    const store = await octoberAndNovember();
    await importDiscounts(store, "family,percent,validFrom\ngpt-4o,10,2026-01-01\n", "a.csv");
    await expect(importDiscounts(store, "family,percent,validFrom\ngpt-4o,12,2026-06-01\n", "b.csv")).rejects.toThrow(
      "gpt-4o: 10% from 2026-01-01 overlaps 12% from 2026-06-01",
    );
    await expect(importDiscounts(store, "family,percent,validFrom\ngpt-4o,150,2027-01-01\n", "c.csv")).rejects.toThrow(
      "percent must be a percentage from 0 to 99.9999",
    );
    expect(await store.listDiscounts()).toEqual([{ family: "gpt-4o", percent: "10", validFrom: "2026-01-01", validTo: null }]);
  });
});
