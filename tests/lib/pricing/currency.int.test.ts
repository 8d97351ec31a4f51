import Decimal from "decimal.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { snapshotItems } from "../../support/retailPrices";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { NOV_5, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { itemAt } from "../../../lib/core/arrays";

afterEach(() => vi.unstubAllEnvs());

describe("reports in another currency", () => {
  it("price with the API's prices for the chosen currency, and say which currency they are in", async () => {
    const store = await octoberAndNovember(); // $4.20 of gpt-4o 2024-08-06 in October, at USD list prices
    // The API's EUR rows for the same meters (here: the USD prices × 0.9, as the API would list them).
    const eur = snapshotItems()
      .filter((i) => i.armRegionName === "eastus2")
      .map((i) => ({ ...i, currencyCode: "EUR", retailPrice: new Decimal(i.retailPrice).times("0.9").toString() }));
    expect((await importRetailPrices(store, eur)).tokenPrices).toBeGreaterThan(0);

    expect(await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit")).toMatchObject({ currency: "USD", total: "4.20" });
    vi.stubEnv("CHARGEBACK_CURRENCY", "EUR");
    expect(await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit")).toMatchObject({ currency: "EUR", total: "3.78" });
    // October closed in EUR stays in EUR, and November books no EUR-vs-USD "corrections" once back in USD.
    await closeMonth(store, "2026-10", "fin", NOV_5);
    vi.stubEnv("CHARGEBACK_CURRENCY", "USD");
    expect(await getChargebackReport(new LedgerReader(store), "2026-10", "business-unit")).toMatchObject({ currency: "EUR", total: "3.78" });
    expect((await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit")).adjustments).toEqual([]);
    // …and November cannot be closed in USD while October's corrections could only be booked in EUR.
    await expect(closeMonth(store, "2026-11", "fin", Date.UTC(2026, 11, 5))).rejects.toThrow(
      "months up to 2026-10 are closed in EUR: closing 2026-11 in USD would leave their corrections unbooked; set CHARGEBACK_CURRENCY=EUR",
    );
    vi.stubEnv("CHARGEBACK_CURRENCY", "JPY");
    const yen = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(yen).toMatchObject({ currency: "JPY", total: "0.00" });
    expect(yen.unpriced.requests).toBe(100);
    expect(itemAt(yen.unpriced.reasons, 0).reason).toBe("no JPY prices are imported: run chargeback prices sync --currency JPY (or prices import)");
  });
});
