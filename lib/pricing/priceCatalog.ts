import { readMeter } from "./meterCatalog";
import type { RetailPriceItem } from "./retailPrice";

/** One imported meter as the catalog reads it: what it prices, or why it is skipped. */
export type CatalogRow = {
  meterName: string;
  productName: string;
  region: string;
  unitOfMeasure: string;
  status: "priced" | "skipped";
  model: string | null;
  /** The deployment types it prices ("global, datazone, regional" for a meter naming none). */
  sku: string | null;
  kind: string | null;
  /** standard, priority or batch. */
  tier: string | null;
  /** standard, or long for a long-context meter. */
  context: string | null;
  reason: string | null;
};

/**
 * Every imported meter once per region (whatever its effective dates and currencies), sorted by
 * region, product and name: so an admin can see what is priced and what is not, and why.
 */
export function listPriceCatalog(items: Iterable<RetailPriceItem>, region?: string): CatalogRow[] {
  const rows = new Map<string, CatalogRow>();
  for (const item of items) {
    const armRegion = item.armRegionName.toLowerCase();
    if (region !== undefined && armRegion !== region) continue;
    const key = [armRegion, item.productName, item.meterName, item.unitOfMeasure].join("\u0000");
    if (rows.has(key)) continue;
    const reading = readMeter(item);
    const base = { meterName: item.meterName, productName: item.productName, region: armRegion, unitOfMeasure: item.unitOfMeasure };
    rows.set(
      key,
      "entry" in reading
        ? {
            ...base,
            status: "priced",
            model: reading.entry.modelId,
            sku: reading.skus.join(", "),
            kind: reading.entry.kind,
            tier: reading.entry.tier,
            context: reading.entry.context,
            reason: null,
          }
        : { ...base, status: "skipped", model: null, sku: null, kind: null, tier: null, context: null, reason: reading.skipped },
    );
  }
  return [...rows.values()].sort(
    (a, b) => a.region.localeCompare(b.region) || a.productName.localeCompare(b.productName) || a.meterName.localeCompare(b.meterName),
  );
}
