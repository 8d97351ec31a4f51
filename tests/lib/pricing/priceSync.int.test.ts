import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { firstPageUrl, mendNextPageLink } from "../../../lib/pricing/retailPricesApi";
import { priceFreshness, syncRetailPrices } from "../../../lib/pricing/syncRetailPrices";
import { startRetailPricesStandIn, type RetailPricesStandIn } from "../../support/retailPricesStandIn";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";

const AUDIT = { actor: "test", action: "prices.sync", reason: "test" };
let api: RetailPricesStandIn | undefined;
afterEach(async () => api?.close());

describe("price sync from the Azure Retail Prices API", () => {
  it("asks for Foundry Models consumption prices, and drops the $top=0 the API puts in some continuation links", () => {
    const url = new URL(firstPageUrl({ baseUrl: "https://prices.azure.com", regions: [], currency: "USD", reservations: false }, "eastus2"));
    expect(url.searchParams.get("$filter")).toBe("serviceName eq 'Foundry Models' and priceType eq 'Consumption' and armRegionName eq 'eastus2'");
    expect(url.searchParams.get("currencyCode")).toBe("'USD'");
    expect(mendNextPageLink("https://prices.azure.com/api/retail/prices?$filter=x&$skip=100&$top=0")).toBe(
      "https://prices.azure.com/api/retail/prices?%24filter=x&%24skip=100",
    );
  });

  it("follows every page, waits out a 429 and a 503, and keeps exactly the snapshot's prices with their history", async () => {
    api = await startRetailPricesStandIn({ throttleFirst: true, failOnce: true });
    const { store } = freshStore();
    const waits: number[] = [];
    const query = { baseUrl: api.url, regions: ["eastus2", "swedencentral"], currency: "USD", reservations: false };
    const summary = await syncRetailPrices(store, query, AUDIT, { wait: async (ms) => void waits.push(ms) }, 1_000);
    const expected = snapshotItems().filter((i) => i.armRegionName !== "westeurope");
    expect(summary).toMatchObject({ items: expected.length, added: expected.length, conflicts: [] });
    // Retry-After: 1 exactly, then the first back-off step (1 s) with equal jitter: 0.5-1 s.
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(waits).toHaveLength(2);
    expect(api.requests.some((q) => q.includes("%24top=0"))).toBe(false);
    const reference = freshStore().store;
    const byDirectImport = await importRetailPrices(reference, expected);
    expect(summary.tokenPrices).toBe(byDirectImport.tokenPrices);
    expect(await priceFreshness(store)).toEqual({ lastGood: 1_000, failingSince: null, lastError: null });
  });

  it("waits out a Retry-After of an hour for at most a minute", async () => {
    api = await startRetailPricesStandIn({ throttleFirst: true, retryAfter: "3600" });
    const { store } = freshStore();
    const waits: number[] = [];
    const query = { baseUrl: api.url, regions: ["eastus2"], currency: "USD", reservations: false };
    await syncRetailPrices(store, query, AUDIT, { wait: async (ms) => void waits.push(ms) }, 1_000);
    expect(waits).toEqual([60_000]);
  });

  it("keeps the last good book when the API fails, and says since when", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, snapshotItems());
    const before = (await store.listRetailPrices()).length;
    api = await startRetailPricesStandIn({ alwaysFail: true });
    const query = { baseUrl: api.url, regions: ["eastus2"], currency: "USD", reservations: false };
    await expect(syncRetailPrices(store, query, AUDIT, { maxAttempts: 2, wait: async () => undefined }, 5_000)).rejects.toThrow(
      "the Retail Prices API did not answer after 2 attempts: HTTP 500",
    );
    await expect(syncRetailPrices(store, query, AUDIT, { maxAttempts: 2, wait: async () => undefined }, 6_000)).rejects.toThrow();
    expect((await store.listRetailPrices()).length).toBe(before);
    expect(await priceFreshness(store)).toMatchObject({ lastGood: null, failingSince: 5_000, lastError: expect.stringContaining("HTTP 500") });
  });

  it("`chargeback prices sync` prints the import summary", async () => {
    api = await startRetailPricesStandIn();
    const { file, store } = freshStore();
    await store.close();
    // Asynchronous: the stand-in answers from this process, which a synchronous spawn would block.
    const bin = path.resolve(__dirname, "..", "..", "..", "bin", "chargeback.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "prices", "sync", "--region", "westeurope", "--db", `file:${file}`], {
      env: { ...process.env, CHARGEBACK_RETAIL_PRICES_URL: api.url },
    });
    expect(JSON.parse(stdout)).toMatchObject({ items: 1240, added: 1240, changed: 0 });
  });
});
