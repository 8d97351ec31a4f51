import { describe, expect, it } from "vitest";
import type { Deployment } from "../../../lib/pricing/deployment";
import { formatAtto } from "../../../lib/core/money";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { UsagePricer, type UsageToPrice } from "../../../lib/pricing/priceUsage";
import type { RetailPriceItem } from "../../../lib/pricing/retailPrice";
import { snapshotItems } from "../../support/retailPrices";

const deployments: Deployment[] = [
  { name: "*", model: null, region: "eastus2", sku: "GlobalStandard" },
  { name: "chat-dz", model: "gpt-4o-2024-08-06", region: "eastus2", sku: "DataZoneStandard" },
  { name: "embed", model: null, region: "", sku: "Standard" },
  { name: "ptu", model: "gpt-4o-2024-08-06", region: "eastus2", sku: "ProvisionedManaged" },
  { name: "batch", model: "gpt-4.1-2025-04-14", region: "eastus2", sku: "GlobalBatch" },
];
const pricer = new UsagePricer(new PriceBook(snapshotItems()), deployments);

const usage = (u: Partial<UsageToPrice>): UsageToPrice => ({
  day: "2026-11-15",
  deployment: "",
  model: "gpt-4o-2024-08-06",
  region: "",
  promptTokens: 0,
  cachedTokens: 0,
  completionTokens: 0,
  ...u,
});
const cost = (u: Partial<UsageToPrice>) => {
  const priced = pricer.price(usage(u));
  return priced.priced ? formatAtto(priced.atto) : priced.reason;
};

describe("pricing usage", () => {
  it("prices input and output at the deployment's meters", () => {
    // 1,000,000 prompt tokens at $2.75/1M and 100,000 completion tokens at $11/1M, Data Zone.
    expect(cost({ deployment: "chat-dz", model: "gpt-4o", promptTokens: 1_000_000, completionTokens: 100_000 })).toBe("3.85");
  });

  it("prices cached tokens at the cached rate, as part of the prompt and never on top", () => {
    // 1,000 prompt tokens of which 600 cached: 400 × $2.5/1M + 600 × $1.25/1M (global default).
    expect(cost({ promptTokens: 1000, cachedTokens: 600 })).toBe("0.00175");
  });

  it("prices embeddings as input only, in the event's region when the deployment names none", () => {
    expect(cost({ deployment: "embed", model: "text-embedding-3-small", region: "westeurope", promptTokens: 1_000_000 })).toBe("0.027");
  });

  it("uses the '*' default deployment for events that name none", () => {
    expect(cost({ model: "gpt-4o-mini-2024-07-18", promptTokens: 1_000_000 })).toBe("0.15");
  });

  it("prices batch deployments on batch meters", () => {
    expect(cost({ deployment: "batch", model: "", promptTokens: 1_000_000, completionTokens: 1_000_000 })).toBe("5");
  });

  it("leaves usage unpriced, with the reason, when a price or a deployment is missing", () => {
    expect(cost({ deployment: "nope", promptTokens: 10 })).toBe('unknown deployment "nope"');
    expect(cost({ deployment: "ptu", promptTokens: 10 })).toMatch(/provisioned/);
    expect(cost({ model: "gpt-35-turbo", promptTokens: 10 })).toBe('no price catalog entry for model "gpt-35-turbo"');
    expect(cost({ model: "gpt-4o", promptTokens: 10 })).toBe('no price catalog entry for model "gpt-4o"');
    expect(cost({ deployment: "embed", model: "text-embedding-3-small", promptTokens: 10 })).toBe('no region for deployment "embed"');
    expect(cost({ day: "2024-05-01", promptTokens: 10 })).toMatch(/no input price for gpt-4o-2024-08-06 on 2024-05-01/);
  });

  it("prices each day at the rate then in effect", () => {
    const item = (price: string, from: string): RetailPriceItem => ({
      meterId: `m-${from}`,
      meterName: "gpt-4o-0806-Inp-glbl Tokens",
      productName: "Azure OpenAI",
      skuName: "",
      serviceName: "Foundry Models",
      armRegionName: "eastus2",
      unitOfMeasure: "1K",
      retailPrice: price,
      effectiveStartDate: `${from}T00:00:00Z`,
      currencyCode: "USD",
      type: "Consumption",
      tierMinimumUnits: "0",
    });
    const changing = new UsagePricer(new PriceBook([item("0.005", "2026-01-01"), item("0.0025", "2026-03-15")]), deployments);
    const on = (day: string) => {
      const p = changing.price(usage({ day, promptTokens: 1000 }));
      return p.priced ? formatAtto(p.atto) : p.reason;
    };
    expect(on("2025-12-31")).toMatch(/no input price/);
    expect(on("2026-01-01")).toBe("0.005");
    expect(on("2026-03-14")).toBe("0.005");
    expect(on("2026-03-15")).toBe("0.0025");
  });
});
