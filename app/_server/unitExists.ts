import "server-only";
import { cachedCatalog } from "@/lib/ledger/catalogCache";
import type { AccessStore, CatalogStore, LedgerStore } from "@/lib/store/port";

/**
 * A business unit exists when an app maps to it or someone owns it (now or in the past): any other
 * name is a 404. The mappings are the process's cached catalog's (catalogCache.ts, current with the
 * store's versions): reading 5,000 apps' mappings on every unit page took tens of milliseconds.
 */
export async function unitExists(store: CatalogStore & LedgerStore & Pick<AccessStore, "listBusinessUnitOwners">, unit: string): Promise<boolean> {
  const [{ mappings }, owners] = await Promise.all([cachedCatalog(store), store.listBusinessUnitOwners()]);
  return mappings.some((m) => m.businessUnit === unit) || owners.some((o) => o.businessUnit === unit);
}
