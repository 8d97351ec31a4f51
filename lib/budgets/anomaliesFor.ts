import { monthOf, now } from "../core/clock";
import { LedgerReader } from "../ledger/ledgerReader";
import type { BudgetStore, ReportStore } from "../store/port";
import type { BudgetEditor } from "./budgetEditor";
import { type FlaggedAnomaly, getAnomalies } from "./getAnomalies";
import { getTodayAnomalies } from "./getTodayAnomalies";

/**
 * The month's anomalies this caller may see: every unit's, app's and model's for finance and
 * admins; an owner's units' and their apps' (measured on their units' part only; models span
 * units, so an owner gets none of those). In the open month, today so far comes first.
 */
export async function anomaliesFor(
  store: ReportStore & BudgetStore,
  caller: BudgetEditor,
  month: string,
  withDismissed = false,
  at = now(),
): Promise<FlaggedAnomaly[]> {
  const decisions = await store.listAnomalyDecisions();
  const everyUnit = caller.roles.length > 0;
  const reader = new LedgerReader(store);
  const options = { units: everyUnit ? ("all" as const) : new Set(caller.ownedUnits), withDismissed, at };
  const [today, found] = await Promise.all([
    month === monthOf(at) ? getTodayAnomalies(reader, decisions, options) : [],
    getAnomalies(reader, month, decisions, options),
  ]);
  return [...today, ...(everyUnit ? found : found.filter((a) => a.kind !== "model"))];
}
