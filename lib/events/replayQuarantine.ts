import type { UsagePricer } from "../pricing/priceUsage";
import type { IncomingEvent, UsageStore } from "../store/port";
import { requestIdentity } from "./lineIdentity";
import { parseEventLine } from "./parseEventLine";
import { utcDay } from "./parseEventTime";

export type ReplaySummary = { replayed: number; accepted: number; duplicates: number; unpriced: number; stillFailing: number };

/**
 * Runs quarantined lines through the pipeline again (after a fix upstream or in the parser).
 * A line keeps the identity it was quarantined under, so replaying twice adds nothing.
 */
export async function replayQuarantine(store: UsageStore, pricer: UsagePricer, ids: readonly string[] = []): Promise<ReplaySummary> {
  const open = await store.listQuarantined("open");
  const chosen = ids.length === 0 ? open : open.filter((q) => ids.includes(q.id));
  const events: IncomingEvent[] = [];
  let stillFailing = 0;
  for (const q of chosen) {
    const parsed = parseEventLine(q.raw);
    if (parsed.ok) {
      const id = parsed.event.requestId ? requestIdentity(parsed.event.requestId) : q.id;
      events.push({ id, source: q.source, event: parsed.event });
    } else {
      stillFailing++;
      if (parsed.reason !== q.reason) await store.saveQuarantineOutcome(q.id, { status: "open", reason: parsed.reason });
    }
  }
  const result = await store.saveUsageBatch({ events, quarantined: [], receivedAt: Date.now() });
  const replayedIds = chosen.filter((q) => parseEventLine(q.raw).ok).map((q) => q.id);
  for (const id of replayedIds) await store.saveQuarantineOutcome(id, { status: "replayed" });
  const accepted = result.inserted.filter(Boolean).length;
  const unpriced = events.filter((e, i) => result.inserted[i] && !pricer.canPrice(e.event, utcDay(e.event.time))).length;
  return { replayed: events.length, accepted, duplicates: events.length - accepted, unpriced, stillFailing };
}
