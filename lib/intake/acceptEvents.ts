import { createLineIdentities } from "../events/lineIdentity";
import { processUsageBatch, type IngestSummary, type SourceLine } from "../events/processUsageBatch";
import type { UsagePricer } from "../pricing/priceUsage";
import type { UsageStore } from "../store/port";
import type { IngestKey } from "./ingestKey";

/**
 * Writes one request's events exactly once. Events without a request id are named by the sender's
 * Idempotency-Key and their position, or else by their text and occurrence in the body, so a
 * retried request adds nothing.
 */
export function acceptEvents(store: UsageStore, pricer: UsagePricer, key: IngestKey, lines: string[], idempotencyKey: string | null): Promise<IngestSummary> {
  const source = `http:${key.source}`;
  const sourceLines: SourceLine[] = lines.map((text, i) => ({
    text,
    source: `${source}#${i + 1}`,
    id: idempotencyKey ? `http:${key.id}:${idempotencyKey}:${i}` : undefined,
  }));
  return processUsageBatch(store, pricer, sourceLines, createLineIdentities());
}
