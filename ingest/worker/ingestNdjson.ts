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
import { type BulkUsageWrites, type UsageStore, writesInBulk } from "../../lib/store/port";
import type { UsagePricer } from "../../lib/pricing/priceUsage";
import { ingestOnWritingThread } from "./parallel/writingThread";
import type { IngestOptions } from "./ingestOptions";
import { preparedBatches } from "./parallel/preparedBatches";
import { withDiagnosticsJoined } from "./sources/diagnosticBatches";
import { ndjsonBatches } from "./sources/ndjsonLines";

// Batches bound the memory in flight (the reading thread holds at most three), in lines and in
// bytes: 2,000 lines of the usual 0.5 KB events, fewer of big ones (an event may be 200 KB). Small
// batches cost no CPU here and keep both threads' heaps small. How often the store commits is its
// own affair (a SQLite bulk load commits every few hundred thousand events).
export const INGEST_BATCH_SIZE = 2_000;
export const INGEST_BATCH_BYTES = 1024 * 1024;

// A bulk load's batches live long enough to be promoted to V8's old generation, which V8 then lets
// grow to a few hundred MB of garbage before collecting it (peak RSS 520 MB for 1M events). A
// process cannot cap its own main thread's heap (--max-old-space-size is read when it starts), so
// a bulk load on this thread collects every COLLECT_EVERY events instead, when the process was
// started with `node --expose-gc` (the `chargeback` launcher, bin/chargeback.js): tens of ms each.
// Every 10,000 rather than 25,000 was measured with 16 MB semi-spaces, when this was the bench's
// path (fewer batches promoted, and the RSS saved paid for it); the launcher has said 8 MB since a
// load from a file into SQLite moved to a thread of its own with its heap capped
// (parallel/writingThread.ts), and this path (a stream, the demo, another store) was not measured again.
const COLLECT_EVERY = 10_000;

async function writeAll(store: UsageStore, batches: AsyncIterable<PreparedBatch>): Promise<IngestSummary> {
  const pricer = await loadPricer(store);
  if (writesInBulk(store)) return writeInBulk(store, pricer, batches, fullCollection());
  let summary = emptySummary();
  for await (const batch of batches) summary = addSummaries(summary, await writePreparedBatch(store, pricer, batch));
  return summary;
}

/** Writes prepared batches through a store's bulk writes, collecting every COLLECT_EVERY events with `collect` when given. */
export async function writeInBulk(
  writes: BulkUsageWrites,
  pricer: UsagePricer,
  batches: AsyncIterable<PreparedBatch>,
  collect?: () => void,
): Promise<IngestSummary> {
  let summary = emptySummary();
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
  await writes.saveUsageBatches(received(), (batch, result) => {
    summary = addSummaries(summary, summariseBatch(pricer, batch.events, result));
  });
  return summary;
}

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
 * on a second thread while another writes: what `chargeback ingest` does. Into a store that writes
 * in bulk (SQLite) the writing thread is one of its own (parallel/writingThread.ts), else this one.
 */
export async function ingestNdjsonFile(store: UsageStore, file: string, options: IngestOptions = {}): Promise<IngestSummary> {
  if (writesInBulk(store)) return ingestOnWritingThread(store, file, options);
  const { batches, stop } = readingThread(file, options);
  try {
    return await writeAll(store, batches);
  } finally {
    await stop();
  }
}

/** The reading thread's batches of `file` (or "-", standard input), bounded as `options` say. */
export function readingThread(file: string, options: IngestOptions): ReturnType<typeof preparedBatches> {
  const name = file === "-" ? "stdin" : file;
  const bound = { lines: options.batchSize ?? INGEST_BATCH_SIZE, bytes: INGEST_BATCH_BYTES };
  return preparedBatches(file, name, bound, options.onUnterminated, options.diagnostics);
}
