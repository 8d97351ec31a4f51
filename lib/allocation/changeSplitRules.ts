import { describe } from "../core/errors";
import { UserError } from "../core/errors";
import { refuseOverlapsAfter } from "../core/effectiveDated";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { findSplitOverlaps, type SplitRule } from "./splitRule";

/** Saves rules (new ids added, known ids replaced) all or none, once `withSplitRules` accepts them. */
export async function changeSplitRules(store: CatalogStore, rules: readonly SplitRule[], audit?: AuditContext): Promise<UpsertSummary> {
  await withSplitRules(store, rules);
  return store.saveSplitRules([...rules], audit);
}

/**
 * Every rule once these are added (or replace those of their ids), or a UserError: a rule may
 * only split a configured deployment, a cost center already mapped in one business unit must be
 * named with it, and rules of one app or deployment may not be in effect on the same day.
 */
export async function withSplitRules(store: CatalogStore, rules: readonly SplitRule[]): Promise<SplitRule[]> {
  const [existing, deployments, mappings] = await Promise.all([store.listSplitRules(), store.listDeployments(), store.listOrgMappings()]);
  const known = new Set(deployments.map((d) => d.name));
  const unitOf = new Map(mappings.map((m) => [m.costCenter, m.businessUnit]));
  const problems = rules.flatMap((r) => [
    ...(r.deployment !== null && !known.has(r.deployment)
      ? [`rule ${r.id}: no deployment ${r.deployment} (import it first with chargeback deployments import)`]
      : []),
    ...r.parts.flatMap((p) => {
      const unit = unitOf.get(p.costCenter);
      return unit !== undefined && unit !== p.businessUnit ? [`rule ${r.id}: cost center ${p.costCenter} belongs to ${unit}, not ${p.businessUnit}`] : [];
    }),
  ]);
  if (problems.length > 0) throw new UserError(describe(problems, "rule that cannot apply"));
  return refuseOverlapsAfter(existing, rules, (r) => r.id, findSplitOverlaps, "overlapping rule");
}
