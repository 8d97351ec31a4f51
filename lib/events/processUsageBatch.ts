import type { UsagePricer } from "../pricing/priceUsage";
import type { IncomingEvent, IncomingQuarantine, UsageStore } from "../store/port";
import { requestIdentity } from "./lineIdentity";
import { parseEventLine } from "./parseEventLine";
import { utcDay } from "./parseEventTime";

/** One raw event as a source delivers it; `fallbackId` names it when it carries no request id. */
export type SourceLine = { text: string; source: string; fallbackId: () => string };

export type IngestSummary = { accepted: number; duplicates: number; quarantined: number; unpriced: number };

export const emptySummary = (): IngestSummary => ({ accepted: 0, duplicates: 0, quarantined: 0, unpriced: 0 });

export function addSummaries(a: IngestSummary, b: IngestSummary): IngestSummary {
  return {
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    quarantined: a.quarantined + b.quarantined,
    unpriced: a.unpriced + b.unpriced,
  };
}

/**
 * Validates each event on its own, writes the good ones exactly once and quarantines the rest
 * with their reason, in one store transaction. Pricing here only counts what is unpriced:
 * costs are applied when reports are read, so a price that arrives later prices old usage too.
 */
export async function processUsageBatch(
  store: UsageStore,
  pricer: UsagePricer,
  lines: readonly SourceLine[],
  receivedAt = Date.now(),
): Promise<IngestSummary> {
  const events: IncomingEvent[] = [];
  const quarantined: IncomingQuarantine[] = [];
  for (const line of lines) {
    const parsed = parseEventLine(line.text);
    if (parsed.ok) {
      const id = parsed.event.requestId ? requestIdentity(parsed.event.requestId) : line.fallbackId();
      events.push({ id, source: line.source, event: parsed.event });
    } else {
      quarantined.push({ id: line.fallbackId(), source: line.source, raw: line.text, reason: parsed.reason });
    }
  }
  const result = await store.saveUsageBatch({ events, quarantined, receivedAt });
  let accepted = 0;
  let unpriced = 0;
  events.forEach(({ event }, i) => {
    if (!result.inserted[i]) return;
    accepted++;
    if (!pricer.price({ ...event, day: utcDay(event.time) }).priced) unpriced++;
  });
  return {
    accepted,
    duplicates: events.length - accepted + result.quarantineDuplicates,
    quarantined: result.quarantined,
    unpriced,
  };
}
