import { reportCurrency } from "../pricing/loadPricer";
import type { CatalogStore, LedgerStore } from "../store/port";
import { loadCatalog, type Catalog } from "./catalog";

type Cached = { key: string; catalog: Promise<Catalog> };

// The latest catalog per store object: a web server keeps one, so a page does not read 5,000 apps,
// their mappings and the price book, nor digest each month's inputs again, until something changed.
const latest = new WeakMap<object, Cached>();

/**
 * The store's catalog, from this process's cache while the store's pricing and catalog versions
 * are those it was loaded under. Both versions are read from the store on every call, before the
 * catalog, so a change made by another process (the worker, the CLI) is seen by the next call; a
 * change made while a catalog loads leaves it under the older versions, which the next call no
 * longer matches. A store that keeps no catalog version is read every time.
 */
export async function cachedCatalog(store: CatalogStore & LedgerStore): Promise<Catalog> {
  const [pricingVersion, catalogVersion] = await Promise.all([store.getPricingVersion(), store.getCatalogVersion()]);
  if (catalogVersion === null) return loadCatalog(store, pricingVersion);
  const key = JSON.stringify([reportCurrency(), pricingVersion, catalogVersion]);
  const known = latest.get(store);
  if (known?.key === key) return known.catalog;
  const catalog = loadCatalog(store, pricingVersion);
  latest.set(store, { key, catalog });
  // A failed read is not kept: the next call tries again.
  catalog.catch(() => {
    if (latest.get(store)?.catalog === catalog) latest.delete(store);
  });
  return catalog;
}
