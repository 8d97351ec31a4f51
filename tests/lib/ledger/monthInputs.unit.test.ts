import { describe, expect, it } from "vitest";
import { itemAt } from "../../../lib/core/arrays";
import { type CatalogInputs, monthInputsDigest } from "../../../lib/ledger/monthInputs";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { UsagePricer } from "../../../lib/pricing/priceUsage";
import type { RetailPriceItem } from "../../../lib/pricing/retailPrice";
import { snapshotItems } from "../../support/retailPrices";

const MAPPING = { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2020-01-01", validTo: null };
const inputs = (items: RetailPriceItem[], mappings: CatalogInputs["mappings"] = [MAPPING]): CatalogInputs => ({
  currency: "USD",
  pricer: new UsagePricer(new PriceBook(items, "USD"), []),
  discounts: [],
  mappings,
  splitRules: [],
  apps: [],
});
const MONTHS = ["2026-10", "2026-11", "2026-12"];
/** Which months' digests differ between two catalogs. */
const changed = (a: CatalogInputs, b: CatalogInputs) => MONTHS.filter((m) => monthInputsDigest(a, m) !== monthInputsDigest(b, m));

describe("a month's inputs digest", () => {
  const items = snapshotItems();
  const priced = new PriceBook(items, "USD").entries();
  // A meter the book prices, read from the snapshot: its new price from mid-November.
  const meterId = itemAt(priced, 0).price.meterId;
  const item = items.find((i) => i.meterId === meterId && i.currencyCode === "USD")!;

  it("changes for the months a new price reaches (from its start on), not the months before", () => {
    const raised = { ...item, retailPrice: item.retailPrice === "1" ? "2" : "1", effectiveStartDate: "2026-11-15T00:00:00Z" };
    expect(changed(inputs(items), inputs([...items, raised]))).toEqual(["2026-11", "2026-12"]);
  });

  it("changes for the months a mapping is in effect on any day of, before and after the change", () => {
    const moved = [
      { ...MAPPING, validTo: "2026-12-01" },
      { ...MAPPING, costCenter: "CC-2", validFrom: "2026-12-01" },
    ];
    expect(changed(inputs(items), inputs(items, moved))).toEqual(["2026-12"]);
    const backdated = [
      { ...MAPPING, validTo: "2026-10-20" },
      { ...MAPPING, costCenter: "CC-2", validFrom: "2026-10-20" },
    ];
    expect(changed(inputs(items), inputs(items, backdated))).toEqual(MONTHS);
  });
});
