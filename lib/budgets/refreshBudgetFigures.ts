import { dayOf, now } from "../core/clock";
import { inTurn } from "../core/yieldToLoop";
import { LedgerReader } from "../ledger/ledgerReader";
import { phaseDone } from "../ledger/phaseDone";
import { refreshFigures, staleMonths } from "../reports/refreshFigures";
import type { ReportStore } from "../store/port";
import { refreshAnomalies } from "./getAnomalies";
import { refreshOutlooks } from "./getBudgetOutlook";
import { asOfDay, budgetFigures } from "./storedBudgetFigures";

/**
 * The months' figures and stored reports (refreshFigures), then their forecast series and anomaly
 * results as of `at` (the overview's, each unit's and each app's), so pages only read them: what
 * `chargeback month refresh` and the worker's figures task run.
 */
export async function refreshMonthFigures(store: ReportStore, months: readonly string[], at = now()): Promise<{ month: string; asOf: string }[]> {
  const done = await refreshFigures(store, months);
  for (const month of months) {
    const reader = new LedgerReader(store);
    await inTurn([() => refreshOutlooks(reader, month, at), () => refreshAnomalies(reader, month, at)]);
    await phaseDone();
  }
  return done;
}

/**
 * The months whose figures, reports, forecasts or anomalies are stale: the last two also read the
 * three months before and the day they are asked on, so in the open month they go stale each day.
 */
export async function staleFigureMonths(store: ReportStore, months: readonly string[], at = now()): Promise<string[]> {
  const stale = new Set(await staleMonths(store, months));
  const reader = new LedgerReader(store);
  for (const month of months) {
    if (stale.has(month)) continue;
    const stored = budgetFigures(reader, month, asOfDay(month, dayOf(at)));
    if (!(await stored.isCurrent("budget:daily")) || !(await stored.isCurrent("budget:anomalies"))) stale.add(month);
  }
  return months.filter((m) => stale.has(m));
}
