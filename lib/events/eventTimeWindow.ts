/**
 * No real call happened before Azure OpenAI existed (its first preview opened in November 2021),
 * and none arrives more than a day before it happened: gateway clocks drift by seconds, not days.
 * A time outside is a broken clock, a lost time zone or a default value (0001-01-01), and counting
 * it would put usage in a month nobody will look at, or one not begun.
 */
export const EARLIEST_EVENT_DAY = "2021-11-01";
const EARLIEST_EVENT_MS = Date.parse(`${EARLIEST_EVENT_DAY}T00:00:00Z`);
const MAX_AHEAD_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Why an event time cannot be a real call's when it arrives at `now`, or null when it can. */
export function timeOutsideWindow(time: number, now: number): string | null {
  if (time < EARLIEST_EVENT_MS) return `time ${iso(time)} is before ${EARLIEST_EVENT_DAY}, when Azure OpenAI began`;
  if (time > now + MAX_AHEAD_MS) return `time ${iso(time)} is more than a day after it arrived (a gateway clock or time zone is wrong)`;
  return null;
}
