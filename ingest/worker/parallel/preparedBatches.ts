import path from "node:path";
import { Worker } from "node:worker_threads";
import type { DiagnosticOptions } from "../../../lib/events/azureMonitor/joinDiagnosticLines";
import type { PreparedBatch } from "../../../lib/events/processUsageBatch";
import type { OnUnterminated } from "../sources/ndjsonLines";
import { createWireReader, type WireBatch } from "./batchWire";

export type BatchBound = { lines: number; bytes: number };
export type PrepareRequest = { file: string; name: string; batchSize: BatchBound; ahead: number; diagnostics: DiagnosticOptions };
export type PrepareMessage = { batch: WireBatch } | { unterminated: string } | { done: true } | { error: string };

// The reading thread's heap. Its old generation holds the tables of line identities and shared
// strings and, for a moment, whatever a collection finds in flight: three batches of at most
// `bytes` (1 MB) of text each, parsed (a few times their text). Capped at 40 MB, that was the cap's
// own trap: each full collection promoted the batch in flight into an old generation already near
// its limit, so the next one came ~70 ms later, ~500 per million events, and V8's helper threads
// spent ~10 s of CPU per million marking, on the core the writing thread needs. At 64 MB there
// are 20-80 per million. (Under the launcher its --max-semi-space-size, a flag of the whole
// process, sizes this thread's young generation too.)
const READER_YOUNG_MB = 48;
const READER_HEAP_MB = 64;

/**
 * Batches of an NDJSON file (or "-" for standard input) read and validated on a second thread, so
 * the next batch is ready while the caller writes the last one. Batches arrive in file order; at
 * most two prepared batches wait, plus the one being read. Batches being bounded in bytes, so is
 * that thread's heap: its garbage is collected instead of growing the process. The thread starts
 * at this call, not at the first batch asked for: it loads its code (~1 s) while the caller gets
 * ready to write (prices, ~0.5 s). Until then it does not keep the process alive; `stop` ends it
 * whether or not its batches were read (a caller that fails before the first one).
 */
export function preparedBatches(
  file: string,
  name: string,
  batchSize: BatchBound,
  onUnterminated: OnUnterminated = () => {},
  diagnostics: DiagnosticOptions = {},
): { batches: AsyncGenerator<PreparedBatch>; stop: () => Promise<void> } {
  const worker = new Worker(path.join(__dirname, "prepareWorker.js"), {
    workerData: { file, name, batchSize, ahead: 2, diagnostics } satisfies PrepareRequest,
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_MB },
  });
  worker.unref();
  const queue: PrepareMessage[] = [];
  let notify: (() => void) | undefined;
  const push = (message: PrepareMessage) => {
    queue.push(message);
    notify?.();
  };
  worker.on("message", push);
  worker.on("error", (error) => push({ error: error.message }));
  // Once "done" has been read this is never looked at; before it, an exit is a failure.
  worker.on("exit", (code) => push({ error: `the reading thread stopped (exit ${code})` }));
  const stop = async () => {
    await worker.terminate();
  };
  const batches = (async function* () {
    worker.ref();
    const fromWire = createWireReader();
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
        const message = queue.shift()!;
        if ("error" in message) throw new Error(message.error);
        if ("done" in message) return;
        if ("unterminated" in message) {
          onUnterminated(message.unterminated);
          continue;
        }
        yield fromWire(message.batch);
        worker.postMessage("next");
      }
    } finally {
      await stop();
    }
  })();
  return { batches, stop };
}
