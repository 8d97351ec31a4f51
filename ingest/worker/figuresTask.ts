import { refreshMonthFigures, staleFigureMonths } from "../../lib/budgets/refreshBudgetFigures";
import { monthsWithUsage } from "../../lib/reports/refreshFigures";
import type { ReportStore } from "../../lib/store/port";
import type { PeriodicTask } from "./periodicTasks";

/**
 * The stale months' figures and reports built again in the background, every `everyMs`: after the
 * batches that changed a month's usage, or a price, mapping or split rule dated in it (and the open
 * month's forecasts and anomalies each day), so pages only read them. A month nothing reached is left as it is.
 */
export const figuresTask = (store: ReportStore, everyMs: number): PeriodicTask => ({
  name: "figures refresh",
  everyMs,
  run: async () => refreshMonthFigures(store, await staleFigureMonths(store, await monthsWithUsage(store))),
});
