import type { Readable } from "node:stream";
import { addSummaries, emptySummary, processUsageBatch, type IngestSummary } from "../lib/events/processUsageBatch";
import { loadPricer } from "../lib/pricing/loadPricer";
import type { UsageStore } from "../lib/store/port";
import { ndjsonBatches } from "./sources/ndjsonLines";

export const INGEST_BATCH_SIZE = 5_000;

/** Runs an NDJSON stream through the same pipeline the worker uses. */
export async function ingestNdjson(store: UsageStore, stream: Readable, name: string): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  let summary = emptySummary();
  // The lines' identities must be claimed in order, so batches are processed one after another.
  for await (const batch of ndjsonBatches(stream, name, INGEST_BATCH_SIZE)) {
    summary = addSummaries(summary, await processUsageBatch(store, pricer, batch));
  }
  return summary;
}
