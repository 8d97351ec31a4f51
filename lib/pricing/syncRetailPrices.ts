import { now as clockNow } from "../core/clock";
import { UserError } from "../core/errors";
import type { AuditContext, UsageStore } from "../store/port";
import { importRetailPrices, type PriceImportSummary } from "./importRetailPrices";
import { fetchRetailPrices, type FetchOptions, type RetailPricesQuery } from "./retailPricesApi";

/**
 * Fetches the price list and imports it whole, or, when the API fails, keeps the book as it is.
 * Either way the attempt is recorded, so the app can say since when prices are stale.
 */
export async function syncRetailPrices(
  store: UsageStore,
  query: RetailPricesQuery,
  audit: AuditContext,
  options: FetchOptions = {},
  now = clockNow(),
): Promise<PriceImportSummary> {
  try {
    const items = await fetchRetailPrices(query, options);
    if (items.length === 0) throw new UserError("the Retail Prices API returned no Foundry Models prices for that query; nothing changed");
    const summary = await importRetailPrices(store, items, audit);
    await store.recordPriceSync({
      at: now,
      ok: true,
      items: items.length,
      detail: `${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged`,
    });
    return summary;
  } catch (error) {
    await store.recordPriceSync({ at: now, ok: false, items: 0, detail: (error as Error).message });
    throw error;
  }
}

/** "Prices from the API as of …", or since when syncing fails, for people reading a report. */
export async function priceFreshness(store: UsageStore): Promise<{ lastGood: number | null; failingSince: number | null; lastError: string | null }> {
  const runs = await store.listPriceSyncs(200);
  const lastGood = runs.find((r) => r.ok)?.at ?? null;
  const failures = runs.filter((r) => !r.ok && (lastGood === null || r.at > lastGood));
  return { lastGood, failingSince: failures.at(-1)?.at ?? null, lastError: failures[0]?.detail ?? null };
}

/** Seconds since the last good sync at `at` (the product's clock, as syncs are recorded), or null before the first. */
export async function priceSyncAgeSeconds(store: UsageStore, at: number = clockNow()): Promise<number | null> {
  const { lastGood } = await priceFreshness(store);
  return lastGood === null ? null : Math.max(0, (at - lastGood) / 1000);
}
