import fs from "node:fs";
import Decimal from "decimal.js";
import { parseRetailPricePage } from "../../lib/pricing/importRetailPrices";
import type { RetailPriceItem } from "../../lib/pricing/retailPrice";
import { SNAPSHOT_FILES } from "./retailPrices";
import { itemAt } from "../../lib/core/arrays";
import { entryOf } from "./arrays";

const UNIT: Record<string, number> = { "1K": 1_000, "1M": 1_000_000 };
const read = new Map<string, RetailPriceItem[]>();

function itemsOf(region: string): RetailPriceItem[] {
  let items = read.get(region);
  if (!items) {
    const file = SNAPSHOT_FILES.find((f) => f.endsWith(`foundry-models-${region}.json`))!;
    items = parseRetailPricePage(fs.readFileSync(file, "utf8"), file);
    read.set(region, items);
  }
  return items;
}

/**
 * A test's own reading of a snapshot: the dollars per token of a meter found by its exact name
 * (the latest effective price on or before `day`), never through the catalog under test.
 */
export function snapshotRate(region: string, meterName: string, day: string): Decimal {
  const rows = itemsOf(region)
    .filter((i) => i.meterName === meterName && i.currencyCode === "USD" && i.effectiveStartDate.slice(0, 10) <= day)
    .sort((a, b) => (a.effectiveStartDate < b.effectiveStartDate ? 1 : -1));
  if (rows.length === 0) throw new Error(`${meterName}: no such meter in ${region} on ${day}`);
  return new Decimal(itemAt(rows, 0).retailPrice).div(entryOf(UNIT, itemAt(rows, 0).unitOfMeasure));
}
