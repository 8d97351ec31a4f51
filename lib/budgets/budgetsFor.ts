import { LedgerReader } from "../ledger/ledgerReader";
import type { ReportStore, BudgetStore } from "../store/port";
import { type BudgetEditor, visibleBudgets } from "./budgetEditor";
import { type BudgetStatus, getBudgetStatus } from "./budgetStatus";

/** The budgets this caller may see with their status in `month`: what the page and the API show. */
export async function budgetsFor(
  store: ReportStore & BudgetStore,
  editor: BudgetEditor,
  month: string,
  reader = new LedgerReader(store),
): Promise<BudgetStatus[]> {
  const [budgets, mappings] = await Promise.all([store.listBudgets(), store.listOrgMappings()]);
  return getBudgetStatus(reader, visibleBudgets(editor, budgets, mappings), month);
}
