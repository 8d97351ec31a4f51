import { monthDays, nextDay } from "../core/months";
import { itemAt } from "../core/arrays";

/** Usage cost of one UTC day, in cents (fees, corrections and fixed overheads left out). */
export type DayCost = { day: string; cents: number };
/**
 * Month-end cost: the point forecast and a 90 % range, whole cents; `days` the same at the end of
 * each remaining day (the month's cost so far, as forecast then), for a chart's band.
 */
export type Forecast = { cents: bigint; lowCents: bigint; highCents: bigint; days: { day: string; cents: bigint; lowCents: bigint; highCents: bigint }[] };

const HISTORY_DAYS = 56;
const LEVEL_DAYS = 14;
const Z90 = 1.645;
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Weekday factors: each weekday's mean cost over the history against the mean of all days. With
 * less than two weeks of history there is no seasonality to read, and every factor is 1.
 */
function weekdayFactors(history: readonly DayCost[]): number[] {
  const all = mean(history.map((d) => d.cents));
  if (history.length < 14 || all <= 0) return [1, 1, 1, 1, 1, 1, 1];
  return [0, 1, 2, 3, 4, 5, 6].map((w) => {
    const on = history.filter((d) => weekday(d.day) === w).map((d) => d.cents);
    return on.length === 0 ? 1 : mean(on) / all;
  });
}

/**
 * The month-end cost of `month` as seen on `today` (its usage so far in `daily`): the cost already
 * booked (`actualCents`, with fees and corrections) plus each remaining day's expected usage: the
 * recent level (the last two weeks' cost with the weekday pattern taken out) times that day's
 * weekday factor (read from the last eight weeks). Today counts as remaining, less what it has
 * cost so far. The range is 90 % under day-to-day noise (the residuals of the last four weeks) and
 * the level's own uncertainty. A statistical estimate: it works in floating cents and rounds to
 * whole cents once. `daily` holds the days before `today` (and today's so far), any order.
 */
export function forecastMonthEnd(month: string, today: string, daily: readonly DayCost[], actualCents: bigint): Forecast {
  const { from, to } = monthDays(month);
  const byDay = new Map(daily.map((d) => [d.day, d.cents]));
  const history: DayCost[] = [];
  const first = firstDay(daily);
  for (let d = dayMinus(today, HISTORY_DAYS); d < today; d = nextDay(d)) if (d >= first) history.push({ day: d, cents: byDay.get(d) ?? 0 });
  const factors = weekdayFactors(history);
  const recent = history.slice(-LEVEL_DAYS);
  const level = mean(recent.map((d) => d.cents / Math.max(itemAt(factors, weekday(d.day)), 0.05)));
  const residuals = history.slice(-28).map((d) => d.cents - level * itemAt(factors, weekday(d.day)));
  const sigma = Math.sqrt(mean(residuals.map((r) => r * r)));
  // 90 % under day-to-day noise over n days plus the level's own uncertainty carried over them.
  const spreadOver = (n: number) => Z90 * sigma * Math.sqrt(n + (n * n) / Math.max(recent.length, 1));
  const days: Forecast["days"] = [];
  let point = 0;
  const start = today < from ? from : today;
  for (let d = start; d < to; d = nextDay(d)) {
    const expected = level * itemAt(factors, weekday(d));
    point += d === today ? Math.max(0, expected - (byDay.get(d) ?? 0)) : expected;
    const spread = spreadOver(days.length + 1);
    days.push({
      day: d,
      cents: actualCents + BigInt(Math.round(point)),
      lowCents: actualCents + BigInt(Math.round(Math.max(0, point - spread))),
      highCents: actualCents + BigInt(Math.round(point + spread)),
    });
  }
  const last = days.at(-1);
  return { cents: last?.cents ?? actualCents, lowCents: last?.lowCents ?? actualCents, highCents: last?.highCents ?? actualCents, days };
}

/** The first day with usage: days before it are no history (a new scope has none), not days of zero cost. */
const firstDay = (daily: readonly DayCost[]) => daily.map((d) => d.day).sort()[0] ?? "9999-12-31";
const dayMinus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
