import { describe, expect, it } from "vitest";
import { ATTO_PER_UNIT } from "../../../lib/core/money";
import { findReservationOverlaps, idleCapacityAppId, Reservation } from "../../../lib/pricing/reservation";
import { chargeReservation } from "../../../lib/pricing/reservationCharges";
import type { HourlyAppUsage } from "../../../lib/store/port";

const reservation = (overrides: Partial<Record<string, string>> = {}): Reservation =>
  Reservation.parse({ deployment: "ptu-east", units: "10", price: "2", per: "hour", currency: "USD", idle: "share", validFrom: "2026-09-01", ...overrides });

const used = (hour: string, appId: string, tokens: { prompt: number; cached?: number; completion: number }, deployment = "ptu-east"): HourlyAppUsage => ({
  hour,
  appId,
  deployment,
  requests: 1,
  promptTokens: tokens.prompt,
  cachedTokens: tokens.cached ?? 0,
  completionTokens: tokens.completion,
  totalTokens: tokens.prompt + tokens.completion,
  timedRequests: 0,
  modelTimeMs: 0,
  buckets: [],
});

const dollars = (amount: string) => BigInt(Math.round(Number(amount) * 1e6)) * (ATTO_PER_UNIT / 1_000_000n);
const total = (charges: { atto: bigint }[]) => charges.reduce((sum, c) => sum + c.atto, 0n);
const byApp = (charges: { appId: string; atto: bigint }[]) => {
  const sums = new Map<string, bigint>();
  for (const c of charges) sums.set(c.appId, (sums.get(c.appId) ?? 0n) + c.atto);
  return Object.fromEntries(sums);
};

// September 2026 has 30 days: 720 hours. 10 PTU at $2 an hour: $20 an hour, $14,400 in the month.
describe("a provisioned reservation's cost", () => {
  it("is shared in each hour by uncached input and output tokens, and idle hours by the month's use", () => {
    const charges = chargeReservation(reservation(), "2026-09", [
      // 3:1 by weighed tokens: app-b's cached input does not load the deployment.
      used("2026-09-02T10", "app-a", { prompt: 600, completion: 150 }),
      used("2026-09-02T10", "app-b", { prompt: 1200, cached: 1000, completion: 50 }),
      used("2026-09-03T09", "app-b", { prompt: 100, completion: 0 }),
      used("2026-09-03T09", "app-c", { prompt: 100, completion: 0 }, "gpt-4o-paygo"),
    ]);
    expect(total(charges)).toBe(dollars("14400"));
    // Used hours: 02T10 gives a $15, b $5; 03T09 gives b $20. The 718 idle hours ($14,360) follow
    // the month's weights: a 750, b 250 + 100 = 350 of 1100.
    const idle = dollars("14360");
    expect(byApp(charges)).toEqual({
      "app-a": dollars("15") + (idle * 750n) / 1100n + 1n,
      "app-b": dollars("25") + (idle * 350n) / 1100n,
    });
    // Idle hours land on the days each app used the deployment, in proportion to its use that day.
    expect(charges.map((c) => c.day).sort()).toEqual(["2026-09-02", "2026-09-02", "2026-09-03"]);
  });

  it("weighs output tokens by the model's output weight, as capacity is used", () => {
    // With 4 input tokens of capacity per output token: a 600 + 4 × 150 = 1200, b 200 + 4 × 50 = 400.
    const charges = chargeReservation(reservation({ outputWeight: "4" }), "2026-09", [
      used("2026-09-02T10", "app-a", { prompt: 600, completion: 150 }),
      used("2026-09-02T10", "app-b", { prompt: 1200, cached: 1000, completion: 50 }),
    ]);
    const idle = dollars("14380");
    expect(byApp(charges)).toEqual({ "app-a": dollars("15") + (idle * 3n) / 4n, "app-b": dollars("5") + idle / 4n });
  });

  it("books idle hours to the deployment's idle line when the admin keeps idle capacity separate", () => {
    const charges = chargeReservation(reservation({ idle: "separate" }), "2026-09", [used("2026-09-02T10", "app-a", { prompt: 600, completion: 150 })]);
    expect(byApp(charges)).toEqual({ "app-a": dollars("20"), [idleCapacityAppId("ptu-east")]: dollars("14380") });
    expect(charges.filter((c) => c.appId === idleCapacityAppId("ptu-east"))).toHaveLength(30);
  });

  it("books a month nobody used to the idle line, even when idle capacity is shared", () => {
    const charges = chargeReservation(reservation(), "2026-09", []);
    expect(byApp(charges)).toEqual({ [idleCapacityAppId("ptu-east")]: dollars("14400") });
  });

  it("spreads a monthly price evenly over the month's hours and charges only the hours it covers", () => {
    // $300 per PTU and month: $3,000 a month over 720 hours; from the 16th 360 hours remain.
    const charges = chargeReservation(reservation({ per: "month", price: "300", validFrom: "2026-09-16" }), "2026-09", [
      used("2026-09-20T00", "app-a", { prompt: 1, completion: 0 }),
    ]);
    expect(total(charges)).toBe(dollars("1500"));
    expect(charges.every((c) => c.day >= "2026-09-16")).toBe(true);
  });

  it("ends on its validTo day, and an uneven monthly price still adds up to the atto", () => {
    const r = reservation({ per: "month", price: "0.000001", validTo: "2026-09-11" });
    const charges = chargeReservation(r, "2026-09", [
      used("2026-09-05T05", "app-a", { prompt: 1, completion: 0 }),
      used("2026-09-12T05", "app-b", { prompt: 1, completion: 0 }),
    ]);
    // 10 PTU at $0.000001 a month for 240 of 720 hours is not whole atto-units an hour.
    expect(total(charges)).toBe((dollars("0.00001") * 240n) / 720n);
    expect(charges.filter((c) => c.appId === "app-a")).toHaveLength(1);
    expect(Object.keys(byApp(charges))).toEqual(["app-a"]);
  });

  it("charges the current month only up to the hour it is in: capacity is paid as time passes", () => {
    const charges = chargeReservation(reservation({ idle: "separate" }), "2026-09", [], "2026-09-03T05:59:59.999Z");
    // Two whole days and the six hours 00–05 of the third, at $20 an hour.
    expect(total(charges)).toBe(dollars(String(54 * 20)));
  });

  it("refuses reservations of one deployment that overlap, and malformed ones with the reason", () => {
    expect(findReservationOverlaps([reservation(), reservation({ validFrom: "2026-10-01" })])).toEqual([
      "ptu-east: the reservation from 2026-09-01 overlaps the one from 2026-10-01",
    ]);
    expect(findReservationOverlaps([reservation({ validTo: "2026-10-01" }), reservation({ validFrom: "2026-10-01" })])).toEqual([]);
    const bad = Reservation.safeParse({ deployment: "x", units: "1.5", price: "-2", per: "day", currency: "usd", idle: "share", validFrom: "2026-09-01" });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path.join(".")} ${i.message}`)).toEqual([
      "units must be a whole number of PTU",
      "price must be a price such as 2 or 260.5 (at most 6 decimals)",
      "per must be hour or month (the price is per PTU and hour, or per PTU and month)",
    ]);
  });
});
