import { processUsageBatch, type IngestSummary, type SourceLine } from "../../lib/events/processUsageBatch";
import { pricerCache } from "../../lib/pricing/pricerCache";
import type { UsageStore } from "../../lib/store/port";
import { recordBatch } from "../../lib/telemetry/instruments";

// Live sources name every event themselves (e.g. hub partition and sequence number).
const identifyBySource = (text: string): string => {
  throw new Error(`a live source delivered an event without an identity: ${text.slice(0, 80)}`);
};

export type BatchWriter = (lines: SourceLine[], startedAt?: number) => Promise<IngestSummary>;

/**
 * The one ingest step of every worker: a batch of source lines is priced with the cached book,
 * written through the pipeline and counted. A store failure is thrown for the caller to retry.
 */
export function batchWriter(store: UsageStore, source: "demo" | "eventhubs"): BatchWriter {
  const pricer = pricerCache(store);
  return async (lines, startedAt = performance.now()) => {
    const summary = await processUsageBatch(store, await pricer(), lines, identifyBySource);
    recordBatch(source, summary, performance.now() - startedAt);
    return summary;
  };
}
