import { now as clockNow } from "../core/clock";
import type { HourlyAppUsage } from "../store/port";
import { inEffect } from "../core/effectiveDated";
import { attoPerToken, formatScaled, splitByWeight } from "../core/money";
import { idleCapacityAppId, type Reservation } from "./reservation";
import { itemAt } from "../core/arrays";

/** What one app carries of a reservation on one UTC day; the idle line's app is idleCapacityAppId. */
export type ReservationCharge = { day: string; appId: string; atto: bigint };

/** The UTC hours of a YYYY-MM month, as YYYY-MM-DDTHH. */
function hoursOf(month: string): string[] {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const hours: string[] = [];
  for (let t = start; t < end.getTime(); t += 3_600_000) hours.push(new Date(t).toISOString().slice(0, 13));
  return hours;
}

/**
 * Azure counts a provisioned deployment's load in uncached input tokens plus output tokens times
 * the model's output weight (cached input is not charged against capacity): an app's share is
 * weighed in that.
 */
const weigher = (r: Reservation) => (h: HourlyAppUsage) =>
  BigInt(Math.max(0, h.promptTokens - h.cachedTokens)) + BigInt(r.outputWeight) * BigInt(h.completionTokens);

/**
 * Each covered hour's cost, up to the hour `now` falls in (capacity is paid as time passes): the
 * hourly price, or the monthly price's share for those hours (rounded down to the atto-unit)
 * spread evenly over them.
 */
function hourlyCosts(r: Reservation, month: string, now: string): Map<string, bigint> {
  const hours = hoursOf(month);
  const covered = hours.filter((hour) => hour <= now && inEffect(r, hour.slice(0, 10)));
  const price = BigInt(r.units) * attoPerToken(r.price, 1);
  const costs =
    r.per === "hour"
      ? covered.map(() => price)
      : splitByWeight(
          (price * BigInt(covered.length)) / BigInt(hours.length),
          covered.map(() => 1n),
        );
  return new Map(covered.map((hour, i) => [hour, itemAt(costs, i)]));
}

/**
 * A reservation's cost in one month (so far, at `now`: an ISO time), hour by hour, shared among the apps that used its deployment
 * in that hour in proportion to their weighed tokens. An hour nobody used is idle: `share` spreads
 * idle hours over the month's users by their tokens on each day they used it, `separate` (or a
 * month without any use) books them to the idle line on their own day. The parts add up to the
 * reservation's cost exactly, in atto-units.
 */
export function chargeReservation(
  r: Reservation,
  month: string,
  usage: readonly HourlyAppUsage[],
  now = new Date(clockNow()).toISOString(),
): ReservationCharge[] {
  const weightOf = weigher(r);
  const byHour = new Map<string, HourlyAppUsage[]>();
  for (const h of usage) if (h.deployment === r.deployment) byHour.set(h.hour, [...(byHour.get(h.hour) ?? []), h]);
  const charges = new Map<string, ReservationCharge>();
  const add = (day: string, appId: string, atto: bigint) => {
    const key = `${day}|${appId}`;
    const charge = charges.get(key) ?? { day, appId, atto: 0n };
    charge.atto += atto;
    charges.set(key, charge);
  };
  const idleHours: [string, bigint][] = [];
  const monthWeights = new Map<string, { day: string; appId: string; weight: bigint }>();
  for (const [hour, cost] of hourlyCosts(r, month, now.slice(0, 13))) {
    const users = (byHour.get(hour) ?? []).filter((h) => weightOf(h) > 0n);
    if (users.length === 0) {
      idleHours.push([hour, cost]);
      continue;
    }
    const parts = splitByWeight(cost, users.map(weightOf));
    users.forEach((h, i) => {
      const day = hour.slice(0, 10);
      add(day, h.appId, itemAt(parts, i));
      const key = `${day}|${h.appId}`;
      const entry = monthWeights.get(key) ?? { day, appId: h.appId, weight: 0n };
      entry.weight += weightOf(h);
      monthWeights.set(key, entry);
    });
  }
  if (r.idle === "share" && monthWeights.size > 0) {
    const shares = [...monthWeights.values()];
    const parts = splitByWeight(
      idleHours.reduce((sum, [, cost]) => sum + cost, 0n),
      shares.map((s) => s.weight),
    );
    shares.forEach((s, i) => add(s.day, s.appId, itemAt(parts, i)));
  } else {
    for (const [hour, cost] of idleHours) add(hour.slice(0, 10), idleCapacityAppId(r.deployment), cost);
  }
  return [...charges.values()].filter((c) => c.atto !== 0n);
}

/**
 * The PTU-hours a share of a reservation's cost in `month` pays for, to 10^-6: what FOCUS counts a
 * commitment's use in. A monthly price is spread over the month's hours, as hourlyCosts does.
 */
export function ptuHoursOf(r: Reservation, month: string, atto: bigint): string {
  const perPtu = attoPerToken(r.price, 1);
  if (perPtu === 0n) return "0";
  const hours = r.per === "hour" ? 1n : BigInt(hoursOf(month).length);
  const micro = (2n * atto * hours * 1_000_000n + perPtu) / (2n * perPtu);
  return formatScaled(micro, 6);
}
