import { describe, expect, it } from "vitest";
import { parseRetryAfter, RetriesExhausted, Retryable, retryDelay, withRetry, type RetryPolicy } from "../../../lib/retry/retryPolicy";

const POLICY: RetryPolicy = { maxAttempts: 4, maxTotalMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };

/** Fails `failures` times with `error`, then answers "done"; counts its attempts. */
function flaky(failures: number, error: () => Error) {
  const call = { attempts: 0, work: async () => (++call.attempts <= failures ? Promise.reject(error()) : "done") };
  return call;
}

describe("the retry policy", () => {
  it("backs off exponentially up to the cap, each step jittered between its half and its whole", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(POLICY, n, undefined, () => 0))).toEqual([500, 1_000, 2_000, 2_000]);
    expect([1, 2, 3, 4].map((n) => retryDelay(POLICY, n, undefined, () => 0.999_999))).toEqual([1_000, 2_000, 4_000, 4_000]);
  });

  it("waits what Retry-After says, without jitter, but no longer than its cap", () => {
    expect(retryDelay(POLICY, 1, 3_000, () => 0)).toBe(3_000);
    expect(retryDelay(POLICY, 1, 3_600_000, () => 0)).toBe(10_000);
  });

  it("reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read", () => {
    const at = Date.UTC(2026, 10, 15, 12, 0, 0);
    expect(parseRetryAfter("2", at)).toBe(2_000);
    expect(parseRetryAfter("Sun, 15 Nov 2026 12:00:30 GMT", at)).toBe(30_000);
    expect([parseRetryAfter("0", at), parseRetryAfter("soon", at), parseRetryAfter(null, at), parseRetryAfter("Sun, 15 Nov 2026 11:00:00 GMT", at)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("asks again until the call succeeds, telling each wait", async () => {
    const call = flaky(2, () => new Retryable("HTTP 503"));
    const waits: number[] = [];
    const told: number[] = [];
    const result = await withRetry(POLICY, call.work, { sleep: async (ms) => waits.push(ms), random: () => 0, onRetry: (r) => told.push(r.attempt) });
    expect(result).toBe("done");
    expect(call.attempts).toBe(3);
    expect(waits).toEqual([500, 1_000]);
    expect(told).toEqual([1, 2]);
  });

  it("stops after its attempts with the last error, and at once on an error not worth retrying", async () => {
    const failing = flaky(10, () => new Retryable("HTTP 500"));
    const error = await withRetry(POLICY, failing.work, { sleep: async () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect(error).toMatchObject({ attempts: 4, message: "HTTP 500 (after 4 attempts)" });
    expect(failing.attempts).toBe(4);

    const refused = flaky(10, () => new Error("HTTP 403"));
    await expect(withRetry(POLICY, refused.work, { sleep: async () => undefined })).rejects.toThrow("HTTP 403");
    expect(refused.attempts).toBe(1);
  });

  it("starts no retry whose wait would end after the total time", async () => {
    const call = flaky(10, () => new Retryable("HTTP 429", 50_000));
    const waits: number[] = [];
    const error = await withRetry({ ...POLICY, maxRetryAfterMs: 50_000 }, call.work, { sleep: async (ms) => waits.push(ms) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect(waits).toEqual([50_000]); // a second 50 s wait would end after the 60 s budget
    expect(call.attempts).toBe(2);
  });
});
