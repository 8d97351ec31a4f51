import type { Readable } from "node:stream";
import { createLineIdentities } from "../lib/events/lineIdentity";
import {
  addSummaries,
  emptySummary,
  prepareUsageBatch,
  writePreparedBatch,
  type IngestSummary,
  type PreparedBatch,
} from "../lib/events/processUsageBatch";
import { loadPricer } from "../lib/pricing/loadPricer";
import type { UsageStore } from "../lib/store/port";
import { preparedBatches } from "./parallel/preparedBatches";
import { ndjsonBatches } from "./sources/ndjsonLines";

// Large transactions: event ids are random, so each commit rewrites most pages of the id index.
export const INGEST_BATCH_SIZE = 50_000;

async function writeAll(store: UsageStore, batches: AsyncIterable<PreparedBatch>): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  let summary = emptySummary();
  for await (const batch of batches) summary = addSummaries(summary, await writePreparedBatch(store, pricer, batch));
  return summary;
}

/** Runs an NDJSON stream through the pipeline on this thread. */
export function ingestNdjson(store: UsageStore, stream: Readable, name: string, batchSize = INGEST_BATCH_SIZE): Promise<IngestSummary> {
  const identify = createLineIdentities();
  return writeAll(store, (async function* () {
    for await (const lines of ndjsonBatches(stream, name, batchSize)) yield prepareUsageBatch(lines, identify);
  })());
}

/**
 * Runs an NDJSON file ("-" for standard input) through the same pipeline, reading and validating
 * on a second thread while this one writes: what `chargeback ingest` does.
 */
export function ingestNdjsonFile(store: UsageStore, file: string, batchSize = INGEST_BATCH_SIZE): Promise<IngestSummary> {
  return writeAll(store, preparedBatches(file, file === "-" ? "stdin" : file, batchSize));
}
