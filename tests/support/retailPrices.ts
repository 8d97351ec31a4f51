import fs from "node:fs";
import path from "node:path";
import { parseRetailPricePage } from "../../lib/pricing/importRetailPrices";
import type { RetailPriceItem } from "../../lib/pricing/retailPrice";

/** The real Retail Prices snapshots (copies of shared/data/retail-prices, kept with the demo). */
export const SNAPSHOT_DIR = path.resolve(__dirname, "..", "..", "ingest", "worker", "demo", "retail-prices");
export const SNAPSHOT_FILES = ["eastus2", "swedencentral", "westeurope"].map((r) => path.join(SNAPSHOT_DIR, `foundry-models-${r}.json`));

export function snapshotItems(): RetailPriceItem[] {
  return SNAPSHOT_FILES.flatMap((file) => parseRetailPricePage(fs.readFileSync(file, "utf8"), file));
}
