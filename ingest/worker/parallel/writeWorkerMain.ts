import { parentPort, workerData } from "node:worker_threads";
import type { IngestSummary } from "../../../lib/events/processUsageBatch";
import { type PricerInputs, pricerOf } from "../../../lib/pricing/loadPricer";
import { openBulkUsageWrites } from "../../../lib/store/sqlite/bulkUsageWrites";
import { readingThread, writeInBulk } from "../ingestNdjson";
import { failureOf, type WriteMessage, type WriteRequest } from "./writingThread";

// Writes a file's batches into the store on this thread (its heap capped: writingThread.ts) as the
// reading thread prepares them; prices arrive from the thread that started it.
const { databaseFile, file, options } = workerData as WriteRequest;
const post = (message: WriteMessage) => parentPort!.postMessage(message);

// The reading thread starts first: it loads its code while this one opens the store and waits for prices.
async function run(): Promise<IngestSummary> {
  const prices = new Promise<PricerInputs>((resolve) => parentPort!.once("message", resolve));
  const { batches, stop } = readingThread(file, { ...options, onUnterminated: (unterminated) => post({ unterminated }) });
  try {
    const writes = openBulkUsageWrites(databaseFile);
    try {
      return await writeInBulk(writes, pricerOf(await prices), batches);
    } finally {
      writes.close();
    }
  } finally {
    await stop();
  }
}

// Said once everything is closed: the thread that started this one ends it on either message.
run().then(
  (summary) => post({ summary }),
  (error: unknown) => post({ failure: failureOf(error) }),
);
