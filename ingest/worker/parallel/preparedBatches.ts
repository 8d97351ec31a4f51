import path from "node:path";
import { Worker } from "node:worker_threads";
import type { DiagnosticOptions } from "../../../lib/events/azureMonitor/joinDiagnosticLines";
import type { PreparedBatch } from "../../../lib/events/processUsageBatch";
import type { OnUnterminated } from "../sources/ndjsonLines";
import { createWireReader, type WireBatch } from "./batchWire";

export type BatchBound = { lines: number; bytes: number };
export type PrepareRequest = { file: string; name: string; batchSize: BatchBound; ahead: number; diagnostics: DiagnosticOptions };
export type PrepareMessage = { batch: WireBatch } | { unterminated: string } | { done: true } | { error: string };

// The reading thread's young generation: 16 MB semi-spaces (a third of this), V8's default.
// 4 MB ones were scavenged every few hundred events, each time copying the batch being read, which
// then was promoted and collected again as old: a quarter of this thread's time went to garbage
// collection. Batches now die young, so the old generation holds little more than three batches
// of at most `bytes` (1 MB) of text each, parsed (a few times their text), and the tables of line
// identities and shared strings; its cap pays for the larger young generation in RSS.
const READER_YOUNG_MB = 48;
const READER_HEAP_MB = 40;

/**
 * Batches of an NDJSON file (or "-" for standard input) read and validated on a second thread, so
 * the next batch is ready while the caller writes the last one. Batches arrive in file order; at
 * most two prepared batches wait, plus the one being read. Batches being bounded in bytes, so is
 * that thread's heap: its garbage is collected instead of growing the process.
 */
export async function* preparedBatches(
  file: string,
  name: string,
  batchSize: BatchBound,
  onUnterminated: OnUnterminated = () => {},
  diagnostics: DiagnosticOptions = {},
): AsyncGenerator<PreparedBatch> {
  const worker = new Worker(path.join(__dirname, "prepareWorker.js"), {
    workerData: { file, name, batchSize, ahead: 2, diagnostics } satisfies PrepareRequest,
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_MB },
  });
  const fromWire = createWireReader();
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
    await worker.terminate();
  }
}
