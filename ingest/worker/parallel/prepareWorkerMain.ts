import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { createLineIdentities } from "../../../lib/events/lineIdentity";
import { prepareUsageBatch } from "../../../lib/events/processUsageBatch";
import { withDiagnosticsJoined } from "../sources/diagnosticBatches";
import { ndjsonBatches } from "../sources/ndjsonLines";
import { createWireWriter } from "./batchWire";
import type { PrepareRequest, PrepareMessage } from "./preparedBatches";

// Reads and validates on this thread while the caller's thread writes; at most `ahead` prepared
// batches wait for the caller, plus the one being read.
const { file, name, batchSize, ahead, diagnostics } = workerData as PrepareRequest;
let credits = ahead;
let wake: (() => void) | undefined;
parentPort!.on("message", () => {
  credits++;
  wake?.();
});

async function run(): Promise<void> {
  const identify = createLineIdentities();
  const toWire = createWireWriter();
  const stream = file === "-" ? fs.createReadStream("", { fd: 0, autoClose: false }) : fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const onUnterminated = (source: string) => parentPort!.postMessage({ unterminated: source } satisfies PrepareMessage);
  for await (const lines of withDiagnosticsJoined(ndjsonBatches(stream, name, batchSize.lines, onUnterminated, batchSize.bytes), diagnostics)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    parentPort!.postMessage({ batch: toWire(prepareUsageBatch(lines, identify)) } satisfies PrepareMessage);
  }
  parentPort!.postMessage({ done: true } satisfies PrepareMessage);
}

run().catch((error: Error) => parentPort!.postMessage({ error: error.message } satisfies PrepareMessage));
