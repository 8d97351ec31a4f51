/**
 * The product's one clock. Every "today", "current month", "hours so far", demo history and
 * projection, and every time the product records (audit entries, closes, receipts, imports),
 * asks it instead of `Date`. `CHARGEBACK_NOW` (an ISO 8601 instant with its zone, e.g.
 * `2026-11-15T12:00:00Z`) pins it: the browser tests and a look at the product "as of" a past day
 * run at that fixed instant whatever the machine's date. Unset, it is the machine's clock.
 *
 * Durations (cache ages, retry back-off, heartbeats) and session expiry measure real time and keep
 * `Date.now()`: a pinned calendar must not freeze a timer or keep a session alive.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an ISO 8601 instant that names its zone; null for anything else (2026-02-30 included). */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", , oh = "0", om = "0"] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 18 || Number(om) > 59) return null;
  const ms = Date.parse(text.trim());
  // Date.parse rolls 2026-02-30 over to March: the day must survive the round trip.
  const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const valid = calendar.getUTCFullYear() === Number(y) && calendar.getUTCMonth() === Number(mo) - 1 && calendar.getUTCDate() === Number(d);
  return valid && Number.isFinite(ms) ? ms : null;
}

export const CLOCK_VARIABLE = "CHARGEBACK_NOW";
export const CLOCK_HINT = "must be an ISO 8601 instant with its zone, e.g. 2026-11-15T12:00:00Z";

let pinned: number | null | undefined;

function pinnedInstant(): number | null {
  if (pinned !== undefined) return pinned;
  const text = process.env[CLOCK_VARIABLE]?.trim();
  if (!text) return (pinned = null);
  const ms = parseInstant(text);
  // Config validation names this first for the CLI and the web app; a stray process still stops here.
  if (ms === null) throw new Error(`${CLOCK_VARIABLE} ${CLOCK_HINT} (got "${text}")`);
  return (pinned = ms);
}

/** Now, in epoch milliseconds. */
export const now = (): number => pinnedInstant() ?? Date.now();

/** The UTC day (YYYY-MM-DD) of `at`. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** The UTC month (YYYY-MM) of `at`. */
export const monthOf = (at: number): string => new Date(at).toISOString().slice(0, 7);

/** Today (UTC, YYYY-MM-DD). */
export const today = (): string => dayOf(now());

/** The current month (UTC, YYYY-MM). */
export const currentMonth = (): string => monthOf(now());
