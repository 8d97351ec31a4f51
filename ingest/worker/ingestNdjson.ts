import type { Readable } from "node:stream";
import { createLineIdentities } from "../../lib/events/lineIdentity";
import { addSummaries, emptySummary, prepareUsageBatch, writePreparedBatch, type IngestSummary, type PreparedBatch } from "../../lib/events/processUsageBatch";
import { loadPricer } from "../../lib/pricing/loadPricer";
import type { UsageStore } from "../../lib/store/port";
import type { DiagnosticOptions } from "../../lib/events/azureMonitor/joinDiagnosticLines";
import { preparedBatches } from "./parallel/preparedBatches";
import { withDiagnosticsJoined } from "./sources/diagnosticBatches";
import { ndjsonBatches, type OnUnterminated } from "./sources/ndjsonLines";

// Large transactions: event ids are random, so each commit rewrites most pages of the id index.
export const INGEST_BATCH_SIZE = 50_000;

async function writeAll(store: UsageStore, batches: AsyncIterable<PreparedBatch>): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  let summary = emptySummary();
  for await (const batch of batches) summary = addSummaries(summary, await writePreparedBatch(store, pricer, batch));
  return summary;
}

export type IngestOptions = { batchSize?: number; onUnterminated?: OnUnterminated; diagnostics?: DiagnosticOptions };

/** Runs an NDJSON stream through the pipeline on this thread. */
export function ingestNdjson(store: UsageStore, stream: Readable, name: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const identify = createLineIdentities();
  const batches = withDiagnosticsJoined(ndjsonBatches(stream, name, options.batchSize ?? INGEST_BATCH_SIZE, options.onUnterminated), options.diagnostics);
  return writeAll(
    store,
    (async function* () {
      for await (const lines of batches) yield prepareUsageBatch(lines, identify);
    })(),
  );
}

/**
 * Runs an NDJSON file ("-" for standard input) through the same pipeline, reading and validating
 * on a second thread while this one writes: what `chargeback ingest` does.
 */
export function ingestNdjsonFile(store: UsageStore, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const name = file === "-" ? "stdin" : file;
  return writeAll(store, preparedBatches(file, name, options.batchSize ?? INGEST_BATCH_SIZE, options.onUnterminated, options.diagnostics));
}
