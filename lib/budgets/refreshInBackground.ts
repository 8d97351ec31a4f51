import { errorField, logFor } from "../telemetry/log";
import type { ReportStore } from "../store/port";
import { LedgerReader } from "../ledger/ledgerReader";
import { buildMonthWith, monthBuilder } from "../ledger/monthBuilder";
import { refreshMonthFigures, staleFigureMonths } from "./refreshBudgetFigures";

// One rebuild at a time per store in this process: two closes in a row queue the second behind the first.
const queued = new WeakMap<object, Promise<unknown>>();

/**
 * The month's figures, stored reports, forecasts and anomalies built again if stale, after what is
 * already queued for this store, never failing: what a close or reopen schedules after its
 * response, so the next view of the month reads them (or waits for the build under way:
 * lib/ledger/monthBuilder.ts) instead of building them in its request. In the web server the
 * build is delegated (a `chargeback month refresh` child process), so its ledger is never held
 * here. Only that month: the other months a close makes stale are the worker's figures task's
 * (`--refresh-figures-seconds`), off the web server. A rebuild that fails is logged and left to
 * the next view or the worker.
 */
export function refreshInBackground(store: ReportStore, month: string): Promise<void> {
  const run = (queued.get(store) ?? Promise.resolve())
    .then(async () => {
      const stale = await staleFigureMonths(store, [month]);
      const builder = monthBuilder((await new LedgerReader(store).catalog()).apps.length);
      if (!builder || stale.length === 0) return (await refreshMonthFigures(store, stale)).map((d) => d.month);
      await buildMonthWith(store, month, builder);
      return stale;
    })
    .then(
      (months) => logFor("web").info({ event: "figures.refreshed", months }, `rebuilt the stale figures of ${month}`),
      (error: unknown) => logFor("web").warn({ event: "figures.refreshFailed", month, ...errorField(error) }, `rebuilding ${month}'s figures failed`),
    );
  queued.set(store, run);
  return run;
}
