/**
 * Lets the event loop serve sockets and timers between the steps of a long build. SQLite reads and
 * the ledger are synchronous, so a month's rebuild in the web server (after a close) would
 * otherwise hold the loop for seconds: requests wait, and an idle keep-alive socket whose timeout
 * fell due meanwhile is closed under a request that has just arrived on it (ECONNRESET).
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs the steps one after the other, letting the loop run between them. */
export async function inTurn(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) {
    await step();
    await yieldToLoop();
  }
}
