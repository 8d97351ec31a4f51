import type { CatalogStore } from "../store/port";
import { loadPricer } from "./loadPricer";
import type { UsagePricer } from "./priceUsage";

/** How long a process prices with the book it has before asking the store whether prices changed. */
export const PRICER_TTL_MS = 60_000;

/**
 * The pricer the ingest paths (the worker, the HTTP intake) price with: reloaded at most once per
 * `ttlMs`, so a batch costs no pricing-version read, and a price change is picked up within a
 * minute. A load that fails is forgotten, so the next batch tries again instead of failing for a minute.
 */
export function pricerCache(store: CatalogStore, ttlMs = PRICER_TTL_MS): () => Promise<UsagePricer> {
  let current: Promise<UsagePricer> | undefined;
  let loadedAt = 0;
  return () => {
    // Elapsed real time, not the product's clock: a pinned clock would never let the book expire.
    if (!current || Date.now() - loadedAt > ttlMs) {
      loadedAt = Date.now();
      const loading = loadPricer(store);
      current = loading;
      loading.catch(() => {
        if (current === loading) current = undefined;
      });
    }
    return current;
  };
}
