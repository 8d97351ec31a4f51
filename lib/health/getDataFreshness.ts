import { dayOf, now as clockNow } from "../core/clock";
import type { UsageStore } from "../store/port";
import { ageText } from "./ageText";
import { ACTIVITY_WINDOW_MS, RATE_WINDOW_MS, THRESHOLDS } from "./thresholds";

/**
 * What the report pages warn of: data is stale when no event was received for longer than the
 * red threshold of the status page; today's figures are partial while events wait in the hub
 * beyond its amber lag or lines received today wait in quarantine (they count once replayed).
 */
export type DataFreshness = { stale: string | null; partial: string[] };

export async function getDataFreshness(
  store: Pick<UsageStore, "listSourceActivity" | "listPipelineLag" | "listQuarantined">,
  at = clockNow(),
): Promise<DataFreshness> {
  const [sources, lags, quarantined] = await Promise.all([
    store.listSourceActivity(at - ACTIVITY_WINDOW_MS, at - RATE_WINDOW_MS),
    store.listPipelineLag(),
    store.listQuarantined("open"),
  ]);
  const last = sources.length === 0 ? null : Math.max(...sources.map((s) => s.lastReceivedAt));
  const stale =
    last === null
      ? "no event was received in the last 24 hours"
      : at - last >= THRESHOLDS.events.red
        ? `the last event was received ${ageText(at - last)}`
        : null;
  const waiting = lags.reduce((sum, l) => sum + l.partitions.reduce((s, p) => s + p.lag, 0), 0);
  const today = dayOf(at);
  const quarantinedToday = quarantined.filter((q) => dayOf(q.receivedAt) === today).length;
  const partial = [
    ...(waiting >= THRESHOLDS.lag.amber ? [`${waiting} events wait in Event Hubs`] : []),
    ...(quarantinedToday > 0 ? [`${quarantinedToday} events received today wait in quarantine`] : []),
  ];
  return { stale, partial };
}
