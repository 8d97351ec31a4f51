import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { DEPLOYMENT_SKUS, type Deployment } from "../../../lib/pricing/deployment";
import { ATTO_PER_UNIT } from "../../../lib/core/money";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { UsagePricer, type UsageToPrice } from "../../../lib/pricing/priceUsage";
import { snapshotItems } from "../../support/retailPrices";
import { snapshotRate } from "../../support/snapshotRates";
import { itemAt } from "../../../lib/core/arrays";

const DAY = "2026-11-15";
const book = new PriceBook(snapshotItems());
const PAY_AS_YOU_GO = DEPLOYMENT_SKUS.filter((s) => !s.includes("Provisioned"));
const deployments: Deployment[] = PAY_AS_YOU_GO.map((sku) => ({ name: sku, model: null, region: "eastus2", sku }));
const pricer = new UsagePricer(book, deployments);

const call = (u: Partial<UsageToPrice>): UsageToPrice => ({
  day: DAY,
  deployment: "GlobalStandard",
  model: "",
  region: "eastus2",
  promptTokens: 0,
  cachedTokens: 0,
  completionTokens: 0,
  ...u,
});
const priced = (u: Partial<UsageToPrice>) => {
  const p = pricer.price(call(u));
  if (!p.priced) throw new Error(p.reason);
  return p;
};
/** The test's own total: tokens × the named meters' snapshot prices, in atto-dollars. */
const expected = (...parts: [number, string][]) =>
  BigInt(
    parts
      .reduce((sum, [tokens, meter]) => sum.plus(snapshotRate("eastus2", meter, DAY).times(tokens)), new Decimal(0))
      .times(ATTO_PER_UNIT.toString())
      .toFixed(0),
  );

// A call of every current family on a global deployment: 1,000 prompt tokens (200 cached), 300 output.
const FAMILIES: [string, string, string | null, string][] = [
  ["gpt-5.6-sol", "5.6 sol ShortCo Inp Std Gl 1M Tokens", "5.6 sol ShortCo Cd Inp Std Gl 1M Tokens", "5.6 sol ShortCo Opt Std Gl 1M Tokens"],
  ["gpt-5.6-luna", "5.6 luna ShortCo Inp Std Gl 1M Tokens", "5.6 luna ShortCo Cd Inp Std Gl 1M Tokens", "5.6 luna ShortCo Opt Std Gl 1M Tokens"],
  ["gpt-5.6-terra", "5.6 terra ShortCo Inp Std Gl 1M Tokens", "5.6 terra ShortCo Cd Inp Std Gl 1M Tokens", "5.6 terra ShortCo Opt Std Gl 1M Tokens"],
  ["gpt-5.5", "5.5 ShortCo inp Gl 1M Tokens", "5.5 ShortCo cd inp Gl 1M Tokens", "5.5 ShortCo opt Gl 1M Tokens"],
  ["gpt-5.4", "5.4 inp Gl 1M Tokens", "5.4 cd inp Gl 1M Tokens", "5.4 opt Gl 1M Tokens"],
  ["gpt-5-2025-08-07", "GPT 5 Inpt Glbl 1M Tokens", "GPT 5 cchd Inpt Glbl 1M Tokens", "GPT 5 outpt Glbl 1M Tokens"],
  ["gpt-4.1-2025-04-14", "gpt 4.1 Inp glbl Tokens", "gpt 4.1 cached Inp glbl Tokens", "gpt 4.1 Outp glbl Tokens"],
  ["o3-2025-04-16", "o3 0416 Inp glbl Tokens", "o3 0416 cached Inp glbl Tokens", "o3 0416 Outp glbl Tokens"],
  ["o4-mini-2025-04-16", "o4-mini 0416 Inp glbl Tokens", "o4-mini 0416 cached Inp glbl Tokens", "o4-mini 0416 Outp glbl Tokens"],
  ["o1-2024-12-17", "o1 1217 Inp glbl Tokens", "o1 1217 cached Inp glbl Tokens", "o1 1217 Outp glbl Tokens"],
  ["gpt-5-pro", "gpt 5 pro inp glbl Tokens", null, "gpt 5 pro out glbl Tokens"],
  ["o3-pro", "o3-pro Inp glbl Tokens", null, "o3-pro Outp glbl Tokens"],
  ["gpt-oss-120b", "gpt-oss-120B Inp glbl Tokens", null, "gpt-oss-120B Outp glbl Tokens"],
  ["DeepSeek-R1", "R1 Inp glbl Tokens", null, "R1 Outp glbl Tokens"],
  ["MAI-DS-R1", "MAI-DS-R1 Inp glbl Tokens", null, "MAI-DS-R1 Outp glbl Tokens"],
  ["llama-3.3-70b", "Llama 3.3 70B Inp glbl Tokens", null, "Llama 3.3 70B Outp glbl Tokens"],
  ["grok-4.3", "4.3 Inp Glbl Tokens", "4.3 Cached Inp Glbl Tokens", "4.3 Outp Glbl Tokens"],
  ["mistral-large-3", "Large 3 Inp glbl Tokens", null, "Large 3 Outp glbl Tokens"],
  ["cohere-command-a", "Command A Inp Glbl Tokens", null, "Command A Outp Glbl Tokens"],
  ["kimi-k2.5", "K2.5 Thinking Inp glbl Tokens", "K2.5 cached glbl Tokens", "K2.5 Thinking Outp glbl Tokens"],
  ["phi-4", "Phi-4-Input Tokens", null, "Phi-4-Output Tokens"],
  ["gpt-4-turbo-2024-04-09", "gpt-4-turbo128K Inp-glbl Tokens", null, "gpt-4-turbo128K Outp-glbl Tokens"],
  ["computer-use-preview-2025-03-11", "computer-use-inpt-glbl Tokens", null, "computer-use-outp-glbl Tokens"],
];

describe("a call of every current model family, priced against the real eastus2 snapshot", () => {
  it.each(FAMILIES)("%s", (model, input, cached, output) => {
    const p = priced({ model, promptTokens: 1_000, cachedTokens: 200, completionTokens: 300 });
    expect(p.atto).toBe(expected([800, input], [200, cached ?? input], [300, output]));
    // A model with no cached-input meter charges cached tokens at its input rate, and says so.
    const notes = p.prices.map((price) => price.note).filter(Boolean);
    expect(notes).toEqual(cached ? [] : [`cached input tokens at the input rate: ${p.modelId} has no cached input meter`]);
  });

  it("prices embeddings and legacy regional models on their own meters", () => {
    expect(priced({ model: "text-embedding-3-small", promptTokens: 5_000 }).atto).toBe(expected([5_000, "text-embedding-3-small-glbl Tokens"]));
    expect(priced({ deployment: "Standard", model: "gpt-35-turbo-0125", promptTokens: 1_000, completionTokens: 10 }).atto).toBe(
      expected([1_000, "gpt-35-turbo-16K-0125 Input-regional Tokens"], [10, "gpt-35-turbo-16K-0125 Output-regional Tokens"]),
    );
  });

  it("says which (model, deployment type) pairs have no meter in Azure at all", () => {
    const missing = Object.fromEntries(
      FAMILIES.map(
        ([model]) =>
          [model, PAY_AS_YOU_GO.filter((deployment) => !pricer.canPrice(call({ deployment, model, promptTokens: 1, completionTokens: 1 }), DAY))] as const,
      ).filter(([, none]) => none.length > 0),
    );
    // Read off the snapshot: e.g. gpt-5.6 sells no regional or batch deployment, o3-pro global only.
    expect(missing).toEqual({
      "gpt-5.6-sol": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "gpt-5.6-luna": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "gpt-5.6-terra": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "gpt-5.5": ["Standard"],
      "gpt-5.4": ["Standard"],
      "gpt-5-2025-08-07": ["Standard"],
      "gpt-5-pro": ["Standard"],
      "o3-pro": ["DataZoneStandard", "Standard", "DataZoneBatch"],
      "gpt-oss-120b": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "DeepSeek-R1": ["GlobalBatch", "DataZoneBatch"],
      "MAI-DS-R1": ["GlobalBatch", "DataZoneBatch"],
      "llama-3.3-70b": ["GlobalBatch", "DataZoneBatch"],
      "grok-4.3": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "mistral-large-3": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "cohere-command-a": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "kimi-k2.5": ["Standard", "GlobalBatch", "DataZoneBatch"],
      "phi-4": ["GlobalBatch", "DataZoneBatch"],
      "gpt-4-turbo-2024-04-09": ["DataZoneStandard", "DataZoneBatch"],
      "computer-use-preview-2025-03-11": ["GlobalBatch", "DataZoneBatch"],
    });
  });
});

describe("tiers and token kinds", () => {
  const sol = { model: "gpt-5.6-sol", promptTokens: 10_000, cachedTokens: 2_000, cacheWriteTokens: 3_000, completionTokens: 500 };

  it("prices cache writes on their own meter, apart from cached reads and plain input", () => {
    expect(priced(sol).atto).toBe(
      expected(
        [5_000, "5.6 sol ShortCo Inp Std Gl 1M Tokens"],
        [2_000, "5.6 sol ShortCo Cd Inp Std Gl 1M Tokens"],
        [3_000, "5.6 sol ShortCo Cd Wr Std Gl 1M Tokens"],
        [500, "5.6 sol ShortCo Opt Std Gl 1M Tokens"],
      ),
    );
  });

  it("prices a priority call on the priority meters", () => {
    expect(priced({ ...sol, deployment: "DataZoneStandard", serviceTier: "priority" }).atto).toBe(
      expected(
        [5_000, "5.6 sol ShortCo Inp PP DZ 1M Tokens"],
        [2_000, "5.6 sol ShortCo Cd Inp PP DZ 1M Tokens"],
        [3_000, "5.6 sol ShortCo Cd Wr PP DZ 1M Tokens"],
        [500, "5.6 sol ShortCo Opt PP DZ 1M Tokens"],
      ),
    );
  });

  it("prices a long-context call on the long-context meters; models without them bill every prompt alike", () => {
    expect(priced({ ...sol, longContext: true }).atto).toBe(
      expected(
        [5_000, "5.6 sol LongCo Inp Std Gl 1M Tokens"],
        [2_000, "5.6 sol LongCo Cd Inp Std Gl 1M Tokens"],
        [3_000, "5.6 sol LongCo Cd Wr Std Gl 1M Tokens"],
        [500, "5.6 sol LongCo Opt Std Gl 1M Tokens"],
      ),
    );
    const plain = { model: "gpt-4.1", promptTokens: 300_000, completionTokens: 10 };
    expect(priced({ ...plain, longContext: true }).atto).toBe(priced(plain).atto);
  });

  it("charges a priority long-context call at the standard long-context rates, with the reason", () => {
    const p = priced({ ...sol, serviceTier: "priority", longContext: true });
    expect(p.prices.map((price) => price.meterName)).toContain("5.6 sol LongCo Inp Std Gl 1M Tokens");
    expect(itemAt(p.prices, 0).note).toBe("no priority-processing meter for long context: charged at the standard rate");
  });

  it("charges cache writes of a model without a cache-write meter at its input rate, with the reason", () => {
    const p = priced({ model: "gpt-4.1", promptTokens: 1_000, cacheWriteTokens: 400 });
    expect(p.atto).toBe(expected([1_000, "gpt 4.1 Inp glbl Tokens"]));
    expect(p.prices.map((price) => price.note)).toEqual([undefined, "cache-write tokens at the input rate: gpt-4.1-2025-04-14 has no cache-write meter"]);
  });

  it("charges cached tokens at the input rate only where the model has no cached meter at that tier, never before a meter starts", () => {
    const batch = priced({ deployment: "GlobalBatch", model: "o1-2024-12-17", promptTokens: 1_000, cachedTokens: 400, completionTokens: 10 });
    expect(batch.atto).toBe(expected([1_000, "o1 1217 Batch Inp glbl Tokens"], [10, "o1 1217 Batch Outp glbl Tokens"]));
    // swedencentral's global cached-input meter of o4-mini starts on 2025-12-01: before it, no price is guessed.
    const sweden = new UsagePricer(book, [{ name: "o4", model: "o4-mini-2025-04-16", region: "swedencentral", sku: "GlobalStandard" }]);
    const early = sweden.price(call({ day: "2025-11-15", deployment: "o4", promptTokens: 1_000, cachedTokens: 500 }));
    expect(early).toEqual({ priced: false, reason: "no cached input price for o4-mini-2025-04-16 on 2025-11-15" });
  });

  it("prices realtime audio, cached audio and text tokens each on their meter", () => {
    const p = priced({
      model: "gpt-realtime-2025-08-28",
      promptTokens: 9_000,
      cachedTokens: 3_000,
      audioInputTokens: 6_000,
      audioCachedTokens: 2_500,
      completionTokens: 1_200,
      audioOutputTokens: 1_000,
    });
    expect(p.atto).toBe(
      expected(
        [2_500, "gpt rt txt 0828 Inp glbl Tokens"],
        [500, "gpt rt txt 0828 cchd Inp glbl Tokens"],
        [3_500, "gpt rt aud 0828 Inp glbl Tokens"],
        [2_500, "gpt rt aud 0828 cchd Inp glbl Tokens"],
        [200, "gpt rt txt 0828 Outp glbl Tokens"],
        [1_000, "gpt rt aud 0828 Outp glbl Tokens"],
      ),
    );
  });

  it("prices an image call's text input, image input and image output", () => {
    const p = priced({ model: "gpt-image-1", promptTokens: 700, imageInputTokens: 500, completionTokens: 4_160, imageOutputTokens: 4_160 });
    expect(p.atto).toBe(
      expected([200, "gpt-image-1-inp-txt-glbl Tokens"], [500, "gpt-image-1-inp-img-glbl Tokens"], [4_160, "gpt-image-1-output-img-glbl Tokens"]),
    );
  });

  it("leaves a call unpriced, with the reason, when Azure has no meter for it", () => {
    const unpriced = (u: Partial<UsageToPrice>) => {
      const p = pricer.price(call(u));
      return p.priced ? "priced" : p.reason;
    };
    expect(unpriced({ model: "gpt-5.6-sol", serviceTier: "flex", promptTokens: 1 })).toBe("flex processing: Azure publishes no flex meter for gpt-5.6-sol");
    expect(unpriced({ model: "gpt-4.1", promptTokens: 10, audioInputTokens: 10 })).toBe(`no audio input price for gpt-4.1-2025-04-14 on ${DAY}`);
    expect(unpriced({ model: "gpt-4.1", promptTokens: 10, cachedTokens: 5, cacheWriteTokens: 6 })).toBe(
      "cached, cache-write, audio and image input tokens (11) exceed prompt tokens (10)",
    );
  });
});
