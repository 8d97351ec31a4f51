import { fullCollection } from "../../lib/core/fullCollection";
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
// bytes: 2,000 lines of the usual 0.5 KB events, fewer of big ones (an event may be 200 KB). Small
// batches cost no CPU here and keep both threads' heaps small. How often the store commits is its
// own affair (a SQLite bulk load commits every few hundred thousand events).
export const INGEST_BATCH_SIZE = 2_000;
export const INGEST_BATCH_BYTES = 1024 * 1024;

// A bulk load's batches live long enough to be promoted to V8's old generation, which V8 then lets
// grow to a few hundred MB of garbage before collecting it (peak RSS 520 MB for 1M events, 290 MB
// with the heap capped at 100 MB, for the same CPU). A process cannot cap its own main thread's
// heap (--max-old-space-size is read when it starts), so the bulk path collects every
// COLLECT_EVERY events instead: tens of ms each at this heap's live size, no CPU measurable per
// event, and a heap that stays near 100 MB at any N (every 10,000 rather than 25,000 since the
// young generation grew to V8's default in bin/chargeback.js: fewer batches are promoted, and the
// RSS this saves pays for it). The collector is the one `node --expose-gc`
// gives (the `chargeback` launcher, bin/chargeback.js, starts node with it); without the flag
// (the CLI's code run another way) ingest works the same, with a larger peak RSS.
const COLLECT_EVERY = 10_000;

async function writeAll(store: UsageStore, batches: AsyncIterable<PreparedBatch>): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  let summary = emptySummary();
  if (!writesInBulk(store)) {
    for await (const batch of batches) summary = addSummaries(summary, await writePreparedBatch(store, pricer, batch));
    return summary;
  }
  const collect = fullCollection();
  let sinceCollected = 0;
  const received = async function* () {
    for await (const { events, quarantined } of batches) {
      yield { events, quarantined, receivedAt: clockNow() };
      sinceCollected += events.length + quarantined.length;
      if (collect && sinceCollected >= COLLECT_EVERY) {
        collect();
        sinceCollected = 0;
      }
    }
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
export async function ingestNdjsonFile(store: UsageStore, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const name = file === "-" ? "stdin" : file;
  const bound = { lines: options.batchSize ?? INGEST_BATCH_SIZE, bytes: INGEST_BATCH_BYTES };
  const { batches, stop } = preparedBatches(file, name, bound, options.onUnterminated, options.diagnostics);
  try {
    return await writeAll(store, batches);
  } finally {
    await stop();
  }
}
