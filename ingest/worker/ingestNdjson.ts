import type { Readable } from "node:stream";
import { createLineIdentities } from "../../lib/events/lineIdentity";
import { now as clockNow } from "../../lib/core/clock";
import {
  addSummaries,
  emptySummary,
  prepareUsageBatch,
  summariseBatch,
  writePreparedBatch,
  type IngestSummary,
  type PreparedBatch,
} from "../../lib/events/processUsageBatch";
import { loadPricer } from "../../lib/pricing/loadPricer";
import { type UsageStore, writesInBulk } from "../../lib/store/port";
import type { DiagnosticOptions } from "../../lib/events/azureMonitor/joinDiagnosticLines";
import { preparedBatches } from "./parallel/preparedBatches";
import { withDiagnosticsJoined } from "./sources/diagnosticBatches";
import { ndjsonBatches, type OnUnterminated } from "./sources/ndjsonLines";

// Batches bound the memory in flight (the reading thread holds at most three), in lines and in
// bytes: 10,000 lines of the usual 0.5 KB events, fewer of big ones (an event may be 200 KB). How
// often the store commits is its own affair (a SQLite bulk load commits every few hundred thousand events).
export const INGEST_BATCH_SIZE = 10_000;
export const INGEST_BATCH_BYTES = 4 * 1024 * 1024;

async function writeAll(store: UsageStore, batches: AsyncIterable<PreparedBatch>): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  let summary = emptySummary();
  if (!writesInBulk(store)) {
    for await (const batch of batches) summary = addSummaries(summary, await writePreparedBatch(store, pricer, batch));
    return summary;
  }
  const received = async function* () {
    for await (const { events, quarantined } of batches) yield { events, quarantined, receivedAt: clockNow() };
  };
  await store.saveUsageBatches(received(), (batch, result) => {
    summary = addSummaries(summary, summariseBatch(pricer, batch.events, result));
  });
  return summary;
}

export type IngestOptions = { batchSize?: number; onUnterminated?: OnUnterminated; diagnostics?: DiagnosticOptions };

/** Runs an NDJSON stream through the pipeline on this thread. */
export function ingestNdjson(store: UsageStore, stream: Readable, name: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const identify = createLineIdentities();
  const batches = withDiagnosticsJoined(
    ndjsonBatches(stream, name, options.batchSize ?? INGEST_BATCH_SIZE, options.onUnterminated, INGEST_BATCH_BYTES),
    options.diagnostics,
  );
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
  return writeAll(
    store,
    preparedBatches(file, name, { lines: options.batchSize ?? INGEST_BATCH_SIZE, bytes: INGEST_BATCH_BYTES }, options.onUnterminated, options.diagnostics),
  );
}
