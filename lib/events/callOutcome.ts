/**
 * What a call's outcome costs (docs/tags-and-outcomes.md has the sources). Azure OpenAI bills what
 * it processed: a 429 was never processed, nor was a request refused as invalid or unauthorised; a
 * prompt its content filter refused (400 `content_filter`) is billed, as is a filtered completion
 * (a 200), a stream the client dropped and a call that timed out after it was sent.
 */
export const OUTCOMES = ["ok", "throttled", "filtered", "error", "cutOff", "timeout"] as const;
export type CallOutcome = (typeof OUTCOMES)[number];

export const BILLED: Record<CallOutcome, boolean> = { ok: true, throttled: false, filtered: true, error: false, cutOff: true, timeout: true };

/** Error codes the gateway names (chargeback/v1 `errorCode`), lower case. */
const CONTENT_FILTER = "content_filter";
const CLIENT_DISCONNECT = "client_disconnect";
const TIMEOUT = "timeout";

type Outcome = { status: number | null; errorCode?: string | null };

/**
 * Events without a status (the older shapes, which log only calls that returned usage) are `ok`.
 * 499 is the status gateways log for a client that closed the connection; 408 and 504 time out.
 */
export function outcomeOf({ status, errorCode }: Outcome): CallOutcome {
  if (errorCode === CLIENT_DISCONNECT || status === 499) return "cutOff";
  if (errorCode === TIMEOUT || status === 408 || status === 504) return "timeout";
  if (status === null || (status >= 200 && status < 300)) return "ok";
  if (status === 429) return "throttled";
  if (status === 400 && errorCode === CONTENT_FILTER) return "filtered";
  return "error";
}

/** A billed outcome with no tokens reported: its cost is unknown, never zero. */
export const usageUnknown = (e: Outcome & { totalTokens: number }, outcome = outcomeOf(e)) => BILLED[outcome] && e.totalTokens === 0;

/**
 * The rollup rule both stores keep: only billed calls with tokens are usage (summed into the
 * daily, hourly and dimension rollups, and priced); every call is counted by its outcome.
 */
export const isUsage = (e: { totalTokens: number }, outcome: CallOutcome) => BILLED[outcome] && e.totalTokens > 0;
