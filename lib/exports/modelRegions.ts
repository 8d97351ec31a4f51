import type { Catalog } from "../ledger/catalog";

/**
 * The Azure region (ARM id, "eastus2") each catalog model is deployed in, when it is deployed in
 * exactly one: a statement line is per model, not per deployment, so a model deployed in two
 * regions has no one region to name (null).
 */
export function modelRegions({ charges: { pricer } }: Catalog): Map<string, string | null> {
  const regions = new Map<string, Set<string>>();
  for (const d of pricer.deployments) {
    const model = d.model ? pricer.book.resolveModel(d.model) : null;
    if (!model || d.region === "") continue;
    regions.set(model, (regions.get(model) ?? new Set<string>()).add(d.region));
  }
  return new Map([...regions].map(([model, set]) => [model, set.size === 1 ? ([...set][0] ?? null) : null]));
}
