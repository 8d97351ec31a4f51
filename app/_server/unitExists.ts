import "server-only";
import type { AccessStore, CatalogStore } from "@/lib/store/port";

/** A business unit exists when an app maps to it or someone owns it (now or in the past): any other name is a 404. */
export async function unitExists(store: Pick<CatalogStore, "listOrgMappings"> & Pick<AccessStore, "listBusinessUnitOwners">, unit: string): Promise<boolean> {
  const [mappings, owners] = await Promise.all([store.listOrgMappings(), store.listBusinessUnitOwners()]);
  return mappings.some((m) => m.businessUnit === unit) || owners.some((o) => o.businessUnit === unit);
}
