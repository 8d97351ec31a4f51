import { errorField, type Log } from "../../lib/telemetry/log";

/** Work the worker does on the side every so often (a price sync); it never holds up ingest. */
export type PeriodicTask = { name: string; everyMs: number; run: () => Promise<unknown> };

/** A periodic task failed: it runs again at its next turn. */
function logTaskFailed(log: Log, task: PeriodicTask, error: unknown): void {
  const retryInMinutes = Math.round(task.everyMs / 60_000);
  log.warn(
    { event: "task.failed", task: task.name, retryInMinutes, ...errorField(error) },
    `${task.name} failed, will try again in ${retryInMinutes} min: ${(error as Error).message}`,
  );
}

/**
 * The one scheduler of both workers: each task runs at once, then every `everyMs`; a run still
 * going is not started again, and a failure is reported and tried again next time. Returns `stop`.
 */
export function startPeriodic(tasks: PeriodicTask[], log: Log): () => void {
  const timers = tasks.map((task) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      task
        .run()
        .catch((error) => logTaskFailed(log, task, error))
        .finally(() => (running = false));
    };
    tick();
    // setInterval takes at most a signed 32-bit delay; longer ones would fire at once.
    return setInterval(tick, Math.min(task.everyMs, 2 ** 31 - 1));
  });
  return () => timers.forEach(clearInterval);
}
