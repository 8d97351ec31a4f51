import path from "node:path";
import { Worker } from "node:worker_threads";
import { type ErrorCode, Unavailable, UserError, UserErrors } from "../../../lib/core/errors";
import type { IngestSummary } from "../../../lib/events/processUsageBatch";
import { loadPricerInputs, type PricerInputs } from "../../../lib/pricing/loadPricer";
import type { BulkUsageWrites, CatalogStore } from "../../../lib/store/port";
import { StoreFailure, storeFailure } from "../../../lib/store/storeFailure";
import type { IngestOptions } from "../ingestOptions";

export type WriteRequest = { databaseFile: string; file: string; options: Omit<IngestOptions, "onUnterminated"> };
/**
 * What failed on the writing thread, so this one throws what the CLI would have caught there (its
 * stack too: `DEBUG=1` prints the statement a store failure struck in).
 */
export type Failure = { message: string; stack?: string } & (
  | { kind: "user"; code: ErrorCode; problems?: string[] }
  | { kind: "store"; exitCode: 74 | 75 }
  | { kind: "unavailable" }
  | { kind: "internal" }
);
export type WriteMessage = { summary: IngestSummary } | { unterminated: string } | { failure: Failure };

// The writing thread's old generation. A bulk load's batches and sums are promoted there and soon
// die; uncapped, V8 lets that garbage grow to hundreds of MB. On the main thread the only bound was
// a full collection by hand every 10,000 events (ingestNdjson.ts): ~30 ms, stop-the-world, ~3 s
// of the writer's time per million events. Under a cap V8 collects by itself, marking on another
// core while the writer goes on: ~0.35 s of pauses per million events, ~13 % less wall time on the
// 1M bench file, same tables. The thread's live heap is a few tens of MB (prices, key ids, the
// sums of up to 25,000 events, three batches), so the cap leaves room.
const WRITER_HEAP_MB = 128;

export function failureOf(error: unknown): Failure {
  const stack = (error as Error)?.stack;
  if (error instanceof UserErrors) return { kind: "user", message: error.message, stack, code: error.code, problems: error.problems };
  if (error instanceof UserError) return { kind: "user", message: error.message, stack, code: error.code };
  const failure = storeFailure(error);
  if (failure) return { kind: "store", message: failure.message, stack, exitCode: failure.exitCode };
  if (error instanceof Unavailable) return { kind: "unavailable", message: error.message, stack };
  return { kind: "internal", message: (error as Error)?.message ?? String(error), stack };
}

/** The error a failure on the writing thread stands for, thrown on this one. */
export function errorOf(failure: Failure): Error {
  const error = errorOfKind(failure);
  if (failure.stack) error.stack = failure.stack;
  return error;
}

function errorOfKind(failure: Failure): Error {
  switch (failure.kind) {
    case "user":
      return Object.assign(failure.problems ? new UserErrors(failure.problems) : new UserError(failure.message), { code: failure.code });
    case "store":
      return new StoreFailure(failure.message, failure.exitCode);
    case "unavailable":
      return new Unavailable(failure.message);
    case "internal":
      return new Error(failure.message);
  }
}

/** The thread itself failed: its heap's cap is the one way that is not a bug of ours. */
function threadFailure(error: Error & { code?: string }): Error {
  if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") return Object.assign(new Error(`the writing thread failed: ${error.message}`), { stack: error.stack });
  return new Error(
    `the writing thread ran out of its ${WRITER_HEAP_MB} MB heap: what it had not committed was rolled back; run the command again and it adds only what is missing`,
  );
}

/**
 * Runs an NDJSON file through a store's bulk writes on a thread of its own (which reads on a third
 * one), the heap capped: `chargeback ingest` into SQLite. The thread opens the store's file again
 * and starts reading at once; this thread meanwhile loads what prices are made from and hands it
 * over. Fails as the write would have here: a user error, a store failure or a bug.
 */
export async function ingestOnWritingThread(
  store: BulkUsageWrites & CatalogStore,
  file: string,
  { onUnterminated = () => {}, ...options }: IngestOptions,
): Promise<IngestSummary> {
  const worker = new Worker(path.join(__dirname, "writeWorker.js"), {
    workerData: { databaseFile: store.databaseFile, file, options } satisfies WriteRequest,
    resourceLimits: { maxOldGenerationSizeMb: WRITER_HEAP_MB },
  });
  const done = new Promise<IngestSummary>((resolve, reject) => {
    worker.on("message", (message: WriteMessage) => {
      if ("summary" in message) resolve(message.summary);
      else if ("failure" in message) reject(errorOf(message.failure));
      else {
        // A listener's throw would be uncaught: the caller's callback fails the ingest instead.
        try {
          onUnterminated(message.unterminated);
        } catch (error) {
          reject(error);
        }
      }
    });
    worker.on("error", (error) => reject(threadFailure(error)));
    // After a summary or a failure this changes nothing.
    worker.on("exit", (code) => reject(new Error(`the writing thread stopped (exit ${code})`)));
  });
  done.catch(() => {}); // awaited below, after the prices: a failure before then is not unhandled
  try {
    const prices: PricerInputs = await loadPricerInputs(store);
    worker.postMessage(prices);
    return await done;
  } finally {
    await worker.terminate();
  }
}
