import { LedgerReader } from "../ledger/ledgerReader";
import type { BudgetStore, ReportStore } from "../store/port";
import type { BudgetEditor } from "./budgetEditor";
import { type FlaggedAnomaly, getAnomalies } from "./getAnomalies";

/**
 * The month's anomalies this caller may see: every unit's, app's and model's for finance and
 * admins; an owner's units' and their apps' (measured on their units' part only; models span
 * units, so an owner gets none of those).
 */
export async function anomaliesFor(store: ReportStore & BudgetStore, caller: BudgetEditor, month: string, withDismissed = false): Promise<FlaggedAnomaly[]> {
  const decisions = await store.listAnomalyDecisions();
  const everyUnit = caller.roles.length > 0;
  const found = await getAnomalies(new LedgerReader(store), month, decisions, { units: everyUnit ? "all" : new Set(caller.ownedUnits), withDismissed });
  return everyUnit ? found : found.filter((a) => a.kind !== "model");
}
