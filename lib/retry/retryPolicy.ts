/**
 * How an outbound call is asked again. Every call site names its own numbers; the rules are the
 * same everywhere: bounded attempts and total time, exponential back-off with jitter, and the
 * server's Retry-After honoured up to a cap.
 */
export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Attempts and waits together; no retry starts whose wait would end after it. */
  maxTotalMs: number;
  /** The back-off of the first retry, doubling each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After of an hour would hold a scheduled job for hours: wait at most this, and let the next run try again. */
  maxRetryAfterMs: number;
};

export type RetryOptions = {
  /** How to wait (injected by tests so that they need not wait). */
  sleep?: (ms: number) => Promise<unknown>;
  /** 0 ≤ x < 1; jitter's randomness. */
  random?: () => number;
  signal?: AbortSignal;
  /** Told before each wait: for logs and the retry counter. */
  onRetry?: (retry: { attempt: number; delayMs: number; error: Retryable }) => void;
};

/** An attempt that failed in a way asking again may fix (429, 5xx, no answer). Anything else thrown ends the retries at once. */
export class Retryable extends Error {
  constructor(
    message: string,
    /** The server's Retry-After, in ms, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "Retryable";
  }
}

/** Every attempt failed: `cause` is the last attempt's error. */
export class RetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly cause: Retryable,
  ) {
    super(`${cause.message} (after ${attempts} attempts)`);
    this.name = "RetriesExhausted";
  }
}

/**
 * The wait before retry number `attempt` (1 = the first retry): the server's Retry-After if it
 * sent one (capped, not jittered: it said when), else an "equal jitter" back-off, half the step
 * fixed and half random, so replicas that failed together do not all come back together.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs > 0) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const step = Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(step / 2 + (step / 2) * random());
}

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds * 1000 : undefined;
  const at = Date.parse(header);
  return Number.isFinite(at) && at > nowMs ? at - nowMs : undefined;
}

/**
 * Runs `work` until it succeeds, throws something other than `Retryable`, or the policy's
 * attempts or time run out (then `RetriesExhausted`). p-retry counts the attempts and the total
 * time; the wait itself is ours, so that Retry-After can set it and tests can skip it.
 */
export async function withRetry<T>(policy: RetryPolicy, work: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  // Loaded on first use: commands that never call out do not pay for it at start-up.
  const { default: pRetry, AbortError } = await import("p-retry");
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const started = performance.now();
  // Time spent counts the waits taken, so an injected sleep (that takes no time) still spends them.
  let waited = 0;
  const spent = () => Math.max(performance.now() - started, waited);
  let last: { attempt: number; error: Retryable } | undefined;
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await work(attempt);
        } catch (error) {
          if (!(error instanceof Retryable)) throw new AbortError(error as Error);
          last = { attempt, error };
          throw error;
        }
      },
      {
        retries: policy.maxAttempts - 1,
        maxRetryTime: policy.maxTotalMs,
        minTimeout: 0, // p-retry's own wait is off: shouldRetry below waits
        signal: options.signal,
        shouldRetry: async ({ attemptNumber, error }) => {
          const delayMs = retryDelay(policy, attemptNumber, (error as Retryable).retryAfterMs, options.random);
          if (spent() + delayMs > policy.maxTotalMs) return false;
          options.onRetry?.({ attempt: attemptNumber, delayMs, error: error as Retryable });
          waited += delayMs;
          await sleep(delayMs);
          return !options.signal?.aborted;
        },
      },
    );
  } catch (error) {
    if (last && error === last.error) throw new RetriesExhausted(last.attempt, last.error);
    throw error;
  }
}
