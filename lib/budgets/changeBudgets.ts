import { describe, Forbidden } from "../core/errors";
import { inEffect, refuseOverlapsAfter } from "../core/effectiveDated";
import type { AuditContext, BudgetStore, CatalogStore, UpsertSummary } from "../store/port";
import { type Budget, budgetKey, findBudgetOverlaps } from "./budget";
import { type BudgetEditor, refusedBudgetChanges } from "./budgetEditor";

/**
 * A budget set from a month on (the page, the API) replaces the version in effect then: that one
 * now ends where the new one starts, as a mapping's new period ends the old one.
 */
function endEarlierVersions(stored: readonly Budget[], incoming: readonly Budget[]): Budget[] {
  return incoming.flatMap((b) =>
    stored.filter((old) => old.scope === b.scope && old.validFrom < b.validFrom && inEffect(old, b.validFrom)).map((old) => ({ ...old, validTo: b.validFrom })),
  );
}

/** The editor may not set one of the budgets: a 403, where an overlap is a 409. */
/** What the caller's roles do not allow: answered 403 (app/_server/errorResponse.ts). */
export class BudgetRefused extends Forbidden {
  constructor(problems: readonly string[]) {
    super(describe(problems, "refused budget"));
    this.name = "BudgetRefused";
  }
}

/**
 * Saves budgets (new scope and validFrom added, known ones replaced) all or none, audited: refused
 * when the editor may not set one of them, or when two budgets of a scope would overlap.
 */
export async function changeBudgets(
  store: BudgetStore & Pick<CatalogStore, "listOrgMappings">,
  incoming: readonly Budget[],
  editor: BudgetEditor,
  audit: AuditContext,
  { supersede = false }: { supersede?: boolean } = {},
): Promise<UpsertSummary> {
  const [stored, mappings] = await Promise.all([store.listBudgets(), store.listOrgMappings()]);
  const budgets = supersede ? [...endEarlierVersions(stored, incoming), ...incoming] : incoming;
  const refused = refusedBudgetChanges(editor, stored, budgets, mappings);
  if (refused.length > 0) throw new BudgetRefused(refused);
  refuseOverlapsAfter(stored, budgets, budgetKey, findBudgetOverlaps, "overlapping budget");
  return store.saveBudgets([...budgets], audit);
}
