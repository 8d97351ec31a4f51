import { now as clockNow } from "../core/clock";
import { monthDays } from "../core/months";

const DAY_MS = 86_400_000;

/**
 * Month to date and a month-end projection from the daily run rate, for the month `now` is in;
 * null for any other month. Cents in, cents out: no floats on money.
 */
export function projectMonthEnd(
  month: string,
  totalCents: bigint,
  now = clockNow(),
): { daysElapsed: number; daysInMonth: number; projectedCents: bigint } | null {
  const { from, to } = monthDays(month);
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (now < start || now >= end) return null;
  const daysInMonth = Math.round((end - start) / DAY_MS);
  // Today counts as elapsed: its usage is already in the total.
  const daysElapsed = Math.floor((now - start) / DAY_MS) + 1;
  const projectedCents = (totalCents * BigInt(daysInMonth) + BigInt(daysElapsed) / 2n) / BigInt(daysElapsed);
  return { daysElapsed, daysInMonth, projectedCents };
}

/** Change from the previous month as a signed percentage with one decimal, or null without a base. */
export function percentChange(currentCents: bigint, previousCents: bigint): string | null {
  if (previousCents === 0n) return null;
  const tenths = ((currentCents - previousCents) * 1000n) / previousCents;
  const sign = tenths > 0n ? "+" : tenths < 0n ? "-" : "";
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}%`;
}
