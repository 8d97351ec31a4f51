import { setTimeout as sleep } from "node:timers/promises";
import { addSummaries, emptySummary, processUsageBatch, type IngestSummary, type SourceLine } from "../lib/events/processUsageBatch";
import { loadPricer } from "../lib/pricing/loadPricer";
import type { UsageStore } from "../lib/store/port";
import { recordBatch } from "../lib/telemetry/instruments";
import { errorField, logFor, type Log } from "../lib/telemetry/log";

// Live sources name every event themselves (e.g. hub partition and sequence number).
export const identifyBySource = (text: string): string => {
  throw new Error(`a live source delivered an event without an identity: ${text.slice(0, 80)}`);
};

/** Work the worker does on the side every so often (a price sync); it never holds up ingest. */
export type PeriodicTask = { name: string; everyMs: number; run: () => Promise<unknown> };
export type WorkerOptions = { intervalMs: number; signal: AbortSignal; onBatch?: (s: IngestSummary) => void; periodic?: PeriodicTask[]; log?: Log };

/** A periodic task failed: it runs again at its next turn. */
export function logTaskFailed(log: Log, task: PeriodicTask, error: unknown): void {
  const retryInMinutes = Math.round(task.everyMs / 60_000);
  log.warn(
    { event: "task.failed", task: task.name, retryInMinutes, ...errorField(error) },
    `${task.name} failed, will try again in ${retryInMinutes} min: ${(error as Error).message}`,
  );
}

/**
 * Polls a source and runs what it yields through the pipeline until the signal aborts; the batch
 * in hand is always finished first. Prices and deployments are reloaded each minute.
 */
export async function runWorker(store: UsageStore, poll: () => SourceLine[], options: WorkerOptions): Promise<IngestSummary> {
  const log = options.log ?? logFor("worker");
  let total = emptySummary();
  let pricer = await loadPricer(store);
  let pricerLoadedAt = Date.now();
  const due = new Map((options.periodic ?? []).map((t) => [t, 0]));
  const running = new Set<PeriodicTask>();
  while (!options.signal.aborted) {
    for (const [task, at] of due) {
      if (running.has(task) || Date.now() < at) continue;
      running.add(task);
      due.set(task, Date.now() + task.everyMs);
      task
        .run()
        .catch((error) => logTaskFailed(log, task, error))
        .finally(() => running.delete(task));
    }
    if (Date.now() - pricerLoadedAt > 60_000) {
      pricer = await loadPricer(store);
      pricerLoadedAt = Date.now();
    }
    const lines = poll();
    if (lines.length > 0) {
      const started = performance.now();
      const summary = await processUsageBatch(store, pricer, lines, identifyBySource);
      recordBatch("demo", summary, performance.now() - started);
      total = addSummaries(total, summary);
      options.onBatch?.(summary);
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
  return total;
}
