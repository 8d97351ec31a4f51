import { createLineIdentities } from "../events/lineIdentity";
import { processUsageBatch, type IngestSummary, type SourceLine } from "../events/processUsageBatch";
import type { UsagePricer } from "../pricing/priceUsage";
import type { UsageStore } from "../store/port";

/**
 * Writes one request's events exactly once. Events without a request id are named by the sender's
 * Idempotency-Key and their position, or else by their text and occurrence in the body, so a
 * retried request adds nothing.
 */
/** Who sends: an ingest key (its id and source name) or an Entra ID client (its app id). */
export type Sender = { id: string; source: string };

export function acceptEvents(store: UsageStore, pricer: UsagePricer, sender: Sender, lines: string[], idempotencyKey: string | null): Promise<IngestSummary> {
  const source = `http:${sender.source}`;
  const sourceLines: SourceLine[] = lines.map((text, i) => ({
    text,
    source: `${source}#${i + 1}`,
    id: idempotencyKey ? `http:${sender.id}:${idempotencyKey}:${i}` : undefined,
  }));
  return processUsageBatch(store, pricer, sourceLines, createLineIdentities());
}
