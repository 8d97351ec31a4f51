import { describe, expect, it } from "vitest";
import { formatAtto } from "../../../lib/core/money";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { snapshotItems } from "../../support/retailPrices";

const book = new PriceBook(snapshotItems());
const DAY = "2026-11-15";
type Sku = "global" | "datazone" | "regional";
const GLOBAL = { sku: "global", tier: "standard", context: "standard" } as const;
const REGIONAL = { sku: "regional", tier: "standard", context: "standard" } as const;

/** $ per 1M tokens as the catalog prices them, for input / cached input / output. */
function perMillion(model: string, sku: Sku, region: string, day = DAY, batch = false) {
  const at = (kind: "input" | "cached" | "output") => {
    const price = book.lookup(model, { sku, tier: batch ? "batch" : "standard", context: "standard" }, region, kind, day);
    return price ? formatAtto(price.atto * 1_000_000n) : null;
  };
  return [at("input"), at("cached"), at("output")];
}

describe("the price catalog against the real Retail Prices snapshots", () => {
  it.each([
    // model, sku, region, input, cached, output ($ per 1M tokens, read off the snapshots by hand)
    ["gpt-4o-2024-08-06", "global", "eastus2", "2.5", "1.25", "10"],
    ["gpt-4o-2024-08-06", "datazone", "eastus2", "2.75", "1.375", "11"],
    ["gpt-4o-2024-08-06", "regional", "eastus2", "2.75", "1.375", "11"],
    ["gpt-4o-2024-08-06", "regional", "swedencentral", "2.75", "1.513", "11"],
    ["gpt-4o-2024-11-20", "global", "eastus2", "2.5", "1.25", "10"],
    ["gpt-4o-2024-11-20", "datazone", "westeurope", "2.75", "1.375", "11"],
    ["gpt-4o-mini-2024-07-18", "global", "eastus2", "0.15", "0.075", "0.6"],
    ["gpt-4o-mini-2024-07-18", "datazone", "eastus2", "0.165", "0.083", "0.66"],
    ["gpt-4o-mini-2024-07-18", "regional", "eastus2", "0.165", "0.083", "0.66"],
    ["gpt-4.1-2025-04-14", "global", "eastus2", "2", "0.5", "8"],
    ["gpt-4.1-2025-04-14", "datazone", "eastus2", "2.2", "0.55", "8.8"],
    ["gpt-4.1-mini-2025-04-14", "global", "eastus2", "0.4", "0.1", "1.6"],
    ["gpt-4.1-mini-2025-04-14", "datazone", "eastus2", "0.44", "0.11", "1.76"],
    ["gpt-4.1-nano-2025-04-14", "global", "swedencentral", "0.1", "0.025", "0.4"],
    ["gpt-4.1-nano-2025-04-14", "regional", "swedencentral", "0.121", "0.031", "0.484"],
    ["gpt-4.1-nano-2025-04-14", "regional", "eastus2", "0.11", "0.028", "0.44"],
    ["o3-mini-2025-01-31", "global", "eastus2", "1.1", "0.55", "4.4"],
    ["o3-mini-2025-01-31", "datazone", "eastus2", "1.21", "0.605", "4.84"],
    ["o4-mini-2025-04-16", "global", "eastus2", "1.1", "0.275", "4.4"],
    ["o4-mini-2025-04-16", "datazone", "westeurope", "1.21", "0.303", "4.84"],
    ["o4-mini-2025-04-16", "regional", "swedencentral", "1.331", "0.333", "5.324"],
    ["gpt-5-2025-08-07", "global", "eastus2", "1.25", "0.125", "10"],
    ["gpt-5-2025-08-07", "datazone", "swedencentral", "1.375", "0.1375", "11"],
    ["gpt-5-mini-2025-08-07", "global", "westeurope", "0.25", "0.025", "2"],
    ["gpt-5-mini-2025-08-07", "datazone", "eastus2", "0.275", "0.0275", "2.2"],
    ["gpt-5-nano-2025-08-07", "global", "eastus2", "0.05", "0.005", "0.4"],
    ["gpt-5-nano-2025-08-07", "datazone", "eastus2", "0.055", "0.0055", "0.44"],
    ["text-embedding-3-small", "global", "eastus2", "0.02", null, null],
    ["text-embedding-3-small", "regional", "westeurope", "0.027", null, null],
    ["text-embedding-3-small", "datazone", "eastus2", "0.022", null, null],
    ["text-embedding-3-large", "global", "eastus2", "0.13", null, null],
    ["text-embedding-3-large", "regional", "eastus2", "0.143", null, null],
  ] as const)("%s %s in %s", (model, sku, region, input, cached, output) => {
    expect(perMillion(model, sku, region)).toEqual([input, cached, output]);
  });

  it("prices batch deployments on their own meters", () => {
    expect(perMillion("gpt-4.1-2025-04-14", "global", "eastus2", DAY, true)).toEqual(["1", null, "4"]);
    expect(perMillion("gpt-5-nano-2025-08-07", "global", "eastus2", DAY, true)).toEqual(["0.025", "0.0025", "0.2"]);
  });

  it("applies a price only from its effective start date", () => {
    // o4-mini's global cached-input meter in swedencentral starts on 2025-12-01.
    expect(book.lookup("o4-mini-2025-04-16", GLOBAL, "swedencentral", "cached", "2025-11-30")).toBeUndefined();
    expect(book.lookup("o4-mini-2025-04-16", GLOBAL, "swedencentral", "cached", "2025-12-01")?.atto).toBe(275_000_000_000n);
    // gpt-4.1's regional meters start on 2025-11-01 in eastus2.
    expect(book.lookup("gpt-4.1-2025-04-14", REGIONAL, "eastus2", "input", "2025-10-31")).toBeUndefined();
    expect(book.lookup("gpt-4.1-2025-04-14", REGIONAL, "eastus2", "input", "2025-11-01")).toBeDefined();
  });

  it("has no two meters claiming the same price key with different prices", () => {
    expect(book.conflicts).toEqual([]);
  });
});

describe("model names from events and deployments", () => {
  it.each([
    ["gpt-4o-2024-08-06", "gpt-4o-2024-08-06"],
    ["GPT-4o-2024-11-20", "gpt-4o-2024-11-20"],
    ["gpt-4o", null], // three versions with different prices: the deployment must pin one
    ["gpt-4.1", "gpt-4.1-2025-04-14"],
    ["gpt-5-mini", "gpt-5-mini-2025-08-07"],
    ["o4-mini", "o4-mini-2025-04-16"],
    ["text-embedding-3-small", "text-embedding-3-small"],
    ["gpt-5.1-2025-11-13", "gpt-5.1"],
    ["gpt-35-turbo", null], // four versions: the deployment must pin one
    ["gpt-3.5-turbo-0125", "gpt-35-turbo-0125"],
    ["gpt-35-turbo-1106", "gpt-35-turbo-1106"],
    ["gpt-4-turbo-2024-04-09", "gpt-4-turbo-2024-04-09"],
    ["gpt-4-turbo", "gpt-4-turbo-2024-04-09"],
    ["computer-use-preview-2025-03-11", "computer-use-preview"],
    ["o1-2024-12-17", "o1-2024-12-17"],
    ["o1", "o1-2024-12-17"],
    ["gpt-5.6-sol", "gpt-5.6-sol"],
    ["DeepSeek-R1", "deepseek-r1"],
    ["MAI-DS-R1", "mai-ds-r1"],
  ])("%s → %s", (name, id) => {
    expect(book.resolveModel(name)).toBe(id);
  });
});
