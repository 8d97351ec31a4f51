import { describe, expect, it } from "vitest";
import { pick, seededRandom } from "../../../ingest/worker/demo/random";
import { billedKindsOf, billedTokens, TOKEN_DETAILS, type TokenCounts } from "../../../lib/pricing/billedTokens";
import { CALL_TIERS } from "../../../lib/pricing/callTier";
import type { Deployment } from "../../../lib/pricing/deployment";
import { TOKEN_KINDS } from "../../../lib/pricing/meterCatalog";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { UsagePricer, type UsageToPrice } from "../../../lib/pricing/priceUsage";
import type { Reservation } from "../../../lib/pricing/reservation";
import { snapshotItems } from "../../support/retailPrices";

// The cached-input meter of gpt-4o (2024-08-06) on Data Zone deployments starts mid-month: before
// the 15th, cached tokens of that model are a price still to come (unpriced), from it on, priced.
const CACHED_FROM = "2026-11-15";
const items = snapshotItems().map((item) =>
  item.meterName === "gpt 4o 0806 cached Inp Data Zone Tokens" ? { ...item, effectiveStartDate: `${CACHED_FROM}T00:00:00Z` } : item,
);
const deployments: Deployment[] = (
  [
    ["*", null, "eastus2", "GlobalStandard"],
    ["chat-dz", "gpt-4o-2024-08-06", "eastus2", "DataZoneStandard"],
    ["embed", null, "", "Standard"],
    ["batch", "gpt-4.1-2025-04-14", "eastus2", "GlobalBatch"],
    ["ptu", "gpt-4o-2024-08-06", "eastus2", "ProvisionedManaged"],
  ] as const
).map(([name, model, region, sku]) => ({ name, model, region, sku }));
const reservations: Reservation[] = [
  { deployment: "ptu", units: 1, price: "1", per: "hour", currency: "USD", idle: "share", outputWeight: 1, validFrom: "2026-11-10", validTo: null },
];
const book = new PriceBook(items);
const newPricer = () => new UsagePricer(book, deployments, reservations);
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);

describe("canPrice", () => {
  it("counts the same unpriced events when a price starts mid-month, whichever day is asked first", () => {
    const call = (cachedTokens: number) => ({
      deployment: "chat-dz",
      model: "gpt-4o-2024-08-06",
      region: "eastus2",
      promptTokens: 1000,
      cachedTokens,
      completionTokens: 100,
    });
    // The same calls on every day of the month, the month's end asked first, then its start.
    const days = [...DAYS.slice(20), ...DAYS.slice(0, 20)];
    const pricer = newPricer();
    const unpriced = days.flatMap((day) => [call(0), call(600), call(600)].filter((c) => !pricer.canPrice(c, day)).map(() => day));
    expect(unpriced).toEqual(DAYS.filter((day) => day < CACHED_FROM).flatMap((day) => [day, day]));
    for (const day of days) expect(newPricer().price({ ...call(600), day }).priced).toBe(day >= CACHED_FROM);
  });

  it("answers as price does for any usage, asked in any order of one pricer", () => {
    const random = seededRandom(25);
    const count = () => pick(random, [0, 0, 1, 7, 400, 272_001, 2 ** 53 - 1]);
    const usage = (): UsageToPrice => {
      const details = Object.fromEntries(TOKEN_DETAILS.filter(() => random() < 0.2).map((d) => [d, count()]));
      // Few days and names: many usages then share rates, and the answers remembered for them.
      return {
        day: pick(random, ["2026-11-14", "2026-11-15"]),
        deployment: pick(random, [...deployments.map((d) => d.name), "", "unknown"]),
        model: pick(random, ["", "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-5.4", "text-embedding-3-small", "nope"]),
        region: pick(random, ["", "eastus2"]),
        promptTokens: count(),
        cachedTokens: count(),
        completionTokens: count(),
        ...details,
        ...(random() < 0.5 ? { serviceTier: pick(random, CALL_TIERS) } : {}),
        ...(random() < 0.2 ? { longContext: random() < 0.5 } : {}),
      };
    };
    const usages = Array.from({ length: 5000 }, usage);
    const pricer = newPricer();
    const answers = usages.map((u) => pricer.canPrice(u, u.day));
    const pricing = newPricer();
    expect(answers).toEqual(usages.map((u) => pricing.price(u).priced));
    expect(answers.filter(Boolean).length).toBeGreaterThan(500);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(500);
  });
});

describe("billedKindsOf", () => {
  it("finds the kinds billedTokens finds above 0, and its contradictions, without BigInts", () => {
    const random = seededRandom(6);
    const count = () => pick(random, [0, 0, 1, 2, 5, 1000, 2 ** 49]);
    for (let i = 0; i < 20_000; i++) {
      const counts: TokenCounts = { promptTokens: count(), cachedTokens: count(), completionTokens: count() };
      for (const d of TOKEN_DETAILS) if (random() < 0.4) counts[d] = count();
      const tokens = billedTokens(counts);
      const kinds = typeof tokens === "string" ? -1 : TOKEN_KINDS.reduce((bits, kind, bit) => (tokens[kind] > 0n ? bits | (1 << bit) : bits), 0);
      expect(billedKindsOf(counts)).toBe(kinds);
    }
  });

  it("leaves counts too large to be exact as numbers to billedTokens", () => {
    expect(billedKindsOf({ promptTokens: 2 ** 49 + 1, cachedTokens: 0, completionTokens: 0 })).toBeNull();
    expect(billedKindsOf({ promptTokens: 1, cachedTokens: 0, completionTokens: 0, imageOutputTokens: 2 ** 53 })).toBeNull();
    expect(billedKindsOf({ promptTokens: 1n, cachedTokens: 0, completionTokens: 0 })).toBeNull();
  });
});
