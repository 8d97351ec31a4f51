import type { AuditContext, BudgetStore, CatalogStore, UpsertSummary } from "../store/port";
import { readBudgets } from "./budgetsCsv";
import type { BudgetEditor } from "./budgetEditor";
import { changeBudgets } from "./changeBudgets";

/** Imports budgets all or nothing; importing the same file again changes nothing. */
export function importBudgets(
  store: BudgetStore & Pick<CatalogStore, "listOrgMappings">,
  csv: string,
  file: string,
  currency: string,
  editor: BudgetEditor,
  audit: AuditContext,
): Promise<UpsertSummary> {
  return changeBudgets(store, readBudgets(csv, file, currency), editor, audit);
}

/** The command line acts with the store's own rights: what finance may do. */
export const OPERATOR: BudgetEditor = { roles: ["finance"], ownedUnits: [] };
