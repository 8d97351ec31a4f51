import { describe, expect, it, vi } from "vitest";
import { runWorker } from "../../ingest/worker/pollingWorker";
import { createLog } from "../../lib/telemetry/log";
import { v1Event } from "../support/ingest";
import { freshStore } from "../support/store";

describe("the worker's periodic tasks", () => {
  it("run on their schedule beside ingest, never hold it up, and a failure is reported and retried later", async () => {
    const { store } = freshStore();
    const stop = new AbortController();
    let polls = 0;
    // Three batches, then stop at the next poll however slow the machine: no timer to race.
    const poll = () => {
      if (++polls <= 3) return [{ text: v1Event({ requestId: `w${polls}` }), source: "test", id: `w${polls}` }];
      stop.abort();
      return [];
    };
    const stuck = vi.fn(() => new Promise<never>(() => undefined)); // a sync that never answers
    const failing = vi.fn(() => Promise.reject(new Error("API away")));
    const written: Record<string, unknown>[] = [];
    const log = createLog({ stream: { write: (line: string) => void written.push(JSON.parse(line)) } });
    const total = await runWorker(store, poll, {
      intervalMs: 10,
      signal: stop.signal,
      log,
      periodic: [
        { name: "stuck sync", everyMs: 1, run: stuck },
        { name: "price sync", everyMs: 3_600_000, run: failing },
      ],
    });
    expect(total.accepted).toBe(3);
    expect(stuck).toHaveBeenCalledTimes(1); // still running: not started again
    expect(failing).toHaveBeenCalledTimes(1); // next try in an hour
    expect(written).toContainEqual(
      expect.objectContaining({
        level: "warn",
        event: "task.failed",
        task: "price sync",
        retryInMinutes: 60,
        err: { type: "Error", message: "API away" },
        msg: "price sync failed, will try again in 60 min: API away",
      }),
    );
  });
});
