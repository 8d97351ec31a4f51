import { setTimeout as sleep } from "node:timers/promises";
import { addSummaries, emptySummary, type IngestSummary, type SourceLine } from "../../lib/events/processUsageBatch";
import type { UsageStore } from "../../lib/store/port";
import { logFor, type Log } from "../../lib/telemetry/log";
import { batchWriter } from "./batchWriter";
import { startPeriodic, type PeriodicTask } from "./periodicTasks";

export type WorkerOptions = { intervalMs: number; signal: AbortSignal; onBatch?: (s: IngestSummary) => void; periodic?: PeriodicTask[]; log?: Log };

/**
 * Polls a source and runs what it yields through the pipeline until the signal aborts; the batch
 * in hand is always finished first. Prices and deployments are reloaded each minute.
 */
export async function runWorker(store: UsageStore, poll: () => SourceLine[], options: WorkerOptions): Promise<IngestSummary> {
  const write = batchWriter(store, "demo");
  const stopPeriodic = startPeriodic(options.periodic ?? [], options.log ?? logFor("worker"));
  let total = emptySummary();
  try {
    while (!options.signal.aborted) {
      const lines = poll();
      if (lines.length > 0) {
        const summary = await write(lines);
        total = addSummaries(total, summary);
        options.onBatch?.(summary);
      }
      await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    stopPeriodic();
  }
  return total;
}
