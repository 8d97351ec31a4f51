import { fullCollection } from "../core/fullCollection";
import { yieldToLoop } from "../core/yieldToLoop";

/**
 * Ends a phase of a long build that let go of most of what it held (a month's ledger): collects the
 * heap when the process may (`node --expose-gc`, as the `chargeback` launcher starts it), so the
 * next phase grows from what is live instead of beside the last one's garbage, which V8 would
 * otherwise keep until the heap had grown far past it (the peak RSS of `chargeback month refresh`).
 * Without the flag (a web server) it only lets the loop run. One full collection per phase: tens
 * to hundreds of ms, a few per month.
 */
export async function phaseDone(): Promise<void> {
  await yieldToLoop();
  fullCollection()?.();
}

/** Runs the steps one after the other, each ended as a phase (phaseDone). */
export async function inPhases(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) {
    await step();
    await phaseDone();
  }
}
