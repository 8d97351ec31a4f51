import { describe, expect, it } from "vitest";
import { type DayCost, forecastMonthEnd } from "../../../lib/budgets/forecast";
import { monthDays, nextDay, nextMonth } from "../../../lib/core/months";
import { itemAt } from "../../../lib/core/arrays";
import { seededRandom } from "../../../ingest/worker/demo/random";

// Sunday first: a business gateway's week, quiet at the weekend.
const WEEK = [0.3, 1, 1.05, 1.1, 1.05, 0.95, 0.25];

/**
 * A year of daily usage cost: about $1,000 a working day, growing 2 % a month, with the weekday
 * pattern above and day-to-day noise of about 15 % (log-normal), and a few launch weeks at 1.6×.
 */
function generatedYear(seed: number): DayCost[] {
  const next = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const days: DayCost[] = [];
  let day = "2025-01-01";
  for (let i = 0; i < 365; i++, day = nextDay(day)) {
    const launch = i % 97 >= 60 && i % 97 < 67 ? 1.6 : 1;
    const trend = 1.02 ** (i / 30);
    const cents = 100_000 * trend * itemAt(WEEK, new Date(`${day}T00:00:00Z`).getUTCDay()) * launch * Math.exp(0.15 * gauss() - 0.01125);
    days.push({ day, cents: Math.round(cents) });
  }
  return days;
}

/** Mean absolute percentage error of the month-end forecast made when `madeOn` days of each month are complete, and of a plain run rate. */
function mape(year: readonly DayCost[], madeOn: number) {
  let month = "2025-01";
  const errors = { forecast: [] as number[], runRate: [] as number[], inRange: 0 };
  for (let m = 0; m < 12; m++, month = nextMonth(month)) {
    const { from, to } = monthDays(month);
    const inMonth = year.filter((d) => d.day >= from && d.day < to);
    const total = inMonth.reduce((a, d) => a + d.cents, 0);
    const done = inMonth.slice(0, madeOn);
    const soFar = done.reduce((a, d) => a + d.cents, 0);
    const today = itemAt(inMonth, madeOn).day;
    const known = year.filter((d) => d.day < today);
    const f = forecastMonthEnd(month, today, known, BigInt(soFar));
    errors.forecast.push(Math.abs(Number(f.cents) - total) / total);
    errors.runRate.push(Math.abs((soFar / madeOn) * inMonth.length - total) / total);
    if (BigInt(total) >= f.lowCents && BigInt(total) <= f.highCents) errors.inRange++;
  }
  const avg = (xs: number[]) => (100 * xs.reduce((a, b) => a + b, 0)) / xs.length;
  return { forecast: avg(errors.forecast), runRate: avg(errors.runRate), inRange: errors.inRange };
}

describe("month-end forecast accuracy on a generated year (docs/budgets.md)", () => {
  it("is within the stated error on day 10 and day 20, better than a run rate, and its range holds most month ends", () => {
    const results = [1, 2, 3].map((seed) => ({ day10: mape(generatedYear(seed), 10), day20: mape(generatedYear(seed), 20) }));
    const mean = (pick: (r: (typeof results)[number]) => number) => results.reduce((a, r) => a + pick(r), 0) / results.length;
    const figures = {
      day10: { forecast: mean((r) => r.day10.forecast), runRate: mean((r) => r.day10.runRate), inRange: mean((r) => r.day10.inRange) },
      day20: { forecast: mean((r) => r.day20.forecast), runRate: mean((r) => r.day20.runRate), inRange: mean((r) => r.day20.inRange) },
    };
    console.log(`forecast MAPE: ${JSON.stringify(figures)}`);
    expect(figures.day10.forecast).toBeLessThan(figures.day10.runRate);
    expect(figures.day20.forecast).toBeLessThan(figures.day20.runRate);
    expect(figures.day20.forecast).toBeLessThan(figures.day10.forecast);
    // The figures docs/budgets.md states (5.5 % and 3.1 % on these seeds), to the next half point.
    expect(figures.day10.forecast).toBeLessThan(6);
    expect(figures.day20.forecast).toBeLessThan(3.5);
    // Launch weeks the model cannot see coming put some month ends outside the 90 % range.
    expect(figures.day10.inRange).toBeGreaterThanOrEqual(8);
    expect(figures.day20.inRange).toBeGreaterThanOrEqual(10);
  });
});
