import { describe, expect, it } from "vitest";
import { readMeter, readMeterName } from "../../../lib/pricing/meterCatalog";
import { SKIP_REASONS, UNREAD } from "../../../lib/pricing/skippedMeters";
import { SNAPSHOT_FILES, snapshotItems } from "../../support/retailPrices";

const items = snapshotItems();
const DECISIONS = new Set<string>(Object.values(SKIP_REASONS));

describe("the meter catalog reads every meter of the real Retail Prices snapshots", () => {
  it("leaves no meter of any snapshot unclassified", () => {
    expect(SNAPSHOT_FILES).toHaveLength(3);
    const unclassified = items
      .filter((i) => {
        const reading = readMeter(i);
        return "skipped" in reading && !DECISIONS.has(reading.skipped);
      })
      .map((i) => `${i.productName} | ${i.meterName}`);
    expect(items.length).toBeGreaterThan(4000);
    expect([...new Set(unclassified)]).toEqual([]);
  });

  it("prices every per-token meter of every product except the skipped families", () => {
    const products = new Set(items.filter((i) => "entry" in readMeter(i)).map((i) => i.productName));
    // Every Foundry product selling tokens to calls is priced; Flux (images) and managed compute (VM hours) sell none.
    expect([...products].sort()).toEqual([
      "Azure Deepseek Models",
      "Azure Fireworks Models",
      "Azure Grok Models",
      "Azure Kimi",
      "Azure Llama Models",
      "Azure Mistral Models",
      "Azure OpenAI",
      "Azure OpenAI Embedding",
      "Azure OpenAI GPT5",
      "Azure OpenAI Media",
      "Azure OpenAI OSS Models",
      "Azure OpenAI PP FT GPT4s",
      "Azure OpenAI Reasoning",
      "Azure Phi Models",
      "Cohere Models",
      "MAI Models",
    ]);
  });

  it("says why a meter Azure adds later is not read, instead of guessing", () => {
    expect(readMeter({ meterName: "Quantum Widget Hour", productName: "Azure OpenAI", unitOfMeasure: "1 Hour" })).toEqual({ skipped: UNREAD });
  });
});

const entry = (meterName: string, productName = "Azure OpenAI GPT5") => {
  const reading = readMeter({ meterName, productName });
  if (!("entry" in reading)) throw new Error(`${meterName}: ${reading.skipped}`);
  return reading.entry;
};

describe("meter names", () => {
  it.each([
    ["gpt-4o-0806-Inp-glbl Tokens", "Azure OpenAI", "gpt-4o-2024-08-06", "global", "standard", "standard", "input"],
    ["gpt 4o 0806 cached Inp Data Zone Tokens", "Azure OpenAI", "gpt-4o-2024-08-06", "datazone", "standard", "standard", "cached"],
    ["gpt 4o mini0718 BatchOutp DataZone Tokens", "Azure OpenAI", "gpt-4o-mini-2024-07-18", "datazone", "batch", "standard", "output"],
    ["GPT 5 Mini cchd Inpt DZone 1M Tokens", "Azure OpenAI GPT5", "gpt-5-mini-2025-08-07", "datazone", "standard", "standard", "cached"],
    ["5.1 codex cd inp Gl 1M Tokens", "Azure OpenAI GPT5", "gpt-5.1-codex", "global", "standard", "standard", "cached"],
    ["text-embedding-3-large-regional Tokens", "Azure OpenAI", "text-embedding-3-large", "regional", "standard", "standard", "input"],
    ["text embedding 3 small DZ Tokens", "Azure OpenAI Embedding", "text-embedding-3-small", "datazone", "standard", "standard", "input"],
    // o1: the dated meters and the batch-only undated ones are the same model.
    ["o1 1217 Inp glbl Tokens", "Azure OpenAI", "o1-2024-12-17", "global", "standard", "standard", "input"],
    ["o1 1217 cached Inp regnl Tokens", "Azure OpenAI", "o1-2024-12-17", "regional", "standard", "standard", "cached"],
    ["o1 Batch Outp Data Zone Tokens", "Azure OpenAI", "o1-2024-12-17", "datazone", "batch", "standard", "output"],
    // gpt-5.5 / 5.6: context tiers, standard and priority variants, cache writes.
    ["5.5 ShortCo inp Gl 1M Tokens", "Azure OpenAI GPT5", "gpt-5.5", "global", "standard", "standard", "input"],
    ["5.5 LongCo Batch cd inp Dz 1M Tokens", "Azure OpenAI GPT5", "gpt-5.5", "datazone", "batch", "long", "cached"],
    ["5.5 ShortCo PP opt Gl 1M Tokens", "Azure OpenAI GPT5", "gpt-5.5", "global", "priority", "standard", "output"],
    ["5.6 sol ShortCo Cd Wr PP DZ 1M Tokens", "Azure OpenAI GPT5", "gpt-5.6-sol", "datazone", "priority", "standard", "cacheWrite"],
    ["5.6 luna LongCo Cd Inp Std Gl 1M Tokens", "Azure OpenAI GPT5", "gpt-5.6-luna", "global", "standard", "long", "cached"],
    ["5.6 terra LongCo Opt Std DZ 1M Tokens", "Azure OpenAI GPT5", "gpt-5.6-terra", "datazone", "standard", "long", "output"],
    ["5.4 longco inp Gl 1M Tokens", "Azure OpenAI GPT5", "gpt-5.4", "global", "standard", "long", "input"],
    ["5.4 mini pp cd Inp Dz 1M Tokens", "Azure OpenAI GPT5", "gpt-5.4-mini", "datazone", "priority", "standard", "cached"],
    ["4.1 pp inp Gl Tokens", "Azure OpenAI PP FT GPT4s", "gpt-4.1-2025-04-14", "global", "priority", "standard", "input"],
    // Legacy and preview names, as deployments name the models.
    ["gpt-35-turbo-16K-0125 Input-regional Tokens", "Azure OpenAI", "gpt-35-turbo-0125", "regional", "standard", "standard", "input"],
    ["gpt-35-trb16K-Batch-125-Outp-glbl Tokens", "Azure OpenAI", "gpt-35-turbo-0125", "global", "batch", "standard", "output"],
    ["gpt-4-turbo128K Inp-glbl Tokens", "Azure OpenAI", "gpt-4-turbo-2024-04-09", "global", "standard", "standard", "input"],
    ["gpt-4-Turbo-Batch-128K Outp-glbl Tokens", "Azure OpenAI", "gpt-4-turbo-2024-04-09", "global", "batch", "standard", "output"],
    ["computer-use-outp-datazone Tokens", "Azure OpenAI", "computer-use-preview", "datazone", "standard", "standard", "output"],
    // Realtime, audio and image tokens are kinds of their own.
    ["gpt-4o-rt-aud-1217 cchd Inp rgnl Tokens", "Azure OpenAI", "gpt-4o-realtime-preview-2024-12-17", "regional", "standard", "standard", "audioCached"],
    ["gpt-4o-rt-txt-1217 Outp glbl Tokens", "Azure OpenAI", "gpt-4o-realtime-preview-2024-12-17", "global", "standard", "standard", "output"],
    ["gpt4o realtimePrvwAudOutp DataZone Tokens", "Azure OpenAI", "gpt-4o-realtime-preview-2024-10-01", "datazone", "standard", "standard", "audioOutput"],
    ["gpt aud 0828 Inp glbl Tokens", "Azure OpenAI Media", "gpt-audio-2025-08-28", "global", "standard", "standard", "audioInput"],
    ["gpt aud 0828 txt Outp DZone Tokens", "Azure OpenAI Media", "gpt-audio-2025-08-28", "datazone", "standard", "standard", "output"],
    ["gpt-realtime-2.1-mini Audio cd inp Gl 1M Tokens", "Azure OpenAI Media", "gpt-realtime-2.1-mini", "global", "standard", "standard", "audioCached"],
    ["gpt-image-1-inp-cached-img-glbl Tokens", "Azure OpenAI", "gpt-image-1", "global", "standard", "standard", "imageCached"],
    ["gpt-image-1-output-img-dzone Tokens", "Azure OpenAI", "gpt-image-1", "datazone", "standard", "standard", "imageOutput"],
    ["gpt img 1.5 out txt DZ 1M Tokens", "Azure OpenAI Media", "gpt-image-1.5", "datazone", "standard", "standard", "output"],
    ["Image 2 img Batch cd inp Gl 1M Tokens", "Azure OpenAI Media", "gpt-image-2", "global", "batch", "standard", "imageCached"],
    // Other Foundry models: their product names the family their meters leave out.
    ["MAI-DS-R1 Inp glbl Tokens", "Azure Deepseek Models", "mai-ds-r1", "global", "standard", "standard", "input"],
    ["R1 Outp DZone Tokens", "Azure Deepseek Models", "deepseek-r1", "datazone", "standard", "standard", "output"],
    ["V4 Flash cached glbl Tokens", "Azure Deepseek Models", "deepseek-v4-flash", "global", "standard", "standard", "cached"],
    ["Llama 3.3 70B Inp Dzone Tokens", "Azure Llama Models", "llama-3.3-70b", "datazone", "standard", "standard", "input"],
    ["4.3 Cached Inp Glbl Tokens", "Azure Grok Models", "grok-4.3", "global", "standard", "standard", "cached"],
    ["Grok4 Fast Outp glbl Tokens", "Azure Grok Models", "grok-4-fast", "global", "standard", "standard", "output"],
    ["K2.5 cached DZ Tokens", "Azure Kimi", "kimi-k2.5", "datazone", "standard", "standard", "cached"],
    ["K2.5 Thinking Inp DZ Tokens", "Azure Kimi", "kimi-k2.5", "datazone", "standard", "standard", "input"],
    ["Command A Plus Outp Glbl 1M Tokens", "Cohere Models", "cohere-command-a-plus", "global", "standard", "standard", "output"],
    ["Embed v4 Img DZ Tokens", "Cohere Models", "cohere-embed-v4", "datazone", "standard", "standard", "imageInput"],
    ["Image 2 Output glbl Tokens", "MAI Models", "mai-image-2", "global", "standard", "standard", "imageOutput"],
    ["FW DeepSeek-V4-Pro Ch Inp DZ Tokens", "Azure Fireworks Models", "fw-deepseek-v4-pro", "datazone", "standard", "standard", "cached"],
    ["gpt-oss-120B Outp DZone Tokens", "Azure OpenAI OSS Models", "gpt-oss-120b", "datazone", "standard", "standard", "output"],
    ["Codestral Inp regnl Tokens", "Azure Mistral Models", "codestral", "regional", "standard", "standard", "input"],
  ])("%s (%s)", (meterName, productName, modelId, sku, tier, context, kind) => {
    expect(entry(meterName, productName)).toEqual({ modelId, sku, batch: tier === "batch", tier, context, kind });
  });

  it("reads a meter naming no deployment type (Phi) as every pay-as-you-go type's", () => {
    expect(readMeter({ meterName: "Phi-4-Mini MM-Audio-In Tokens", productName: "Azure Phi Models", unitOfMeasure: "1K" })).toEqual({
      entry: { modelId: "phi-4-mini-mm", sku: "global", batch: false, tier: "standard", context: "standard", kind: "audioInput" },
      skus: ["global", "datazone", "regional"],
    });
  });

  it.each([
    ["gpt-4o-0806-FT-inp-glbl Tokens", "Azure OpenAI", "1K", SKIP_REASONS.fineTuned],
    ["Phi-4-Output-FT Tokens", "Azure Phi Models", "1K", SKIP_REASONS.fineTuned],
    ["gpt-4.1-ft mdl grdr opt Tokens", "Azure OpenAI", "1K", SKIP_REASONS.grader],
    ["4.1 ft hosting Dz Unit", "Azure OpenAI PP FT GPT4s", "1 Hour", SKIP_REASONS.hosting],
    ["Mngd H100_80GB Gl", "Managed Compute", "1 Hour", SKIP_REASONS.managedCompute],
    ["Provisioned Managed Global Unit", "Azure Deepseek Models", "1/Hour", SKIP_REASONS.provisioned],
    ["Sora 2 glbl Second", "Azure OpenAI Media", "1", SKIP_REASONS.video],
    ["Flux 1.1 Pro glbl Images", "Azure BFL Flux Models", "1K", SKIP_REASONS.images],
    ["OCR 4 glbl Pages", "Azure Mistral Models", "1K", SKIP_REASONS.pages],
    ["Az-GPT-3.5-turbo Tokens", "Azure OpenAI", "1K", SKIP_REASONS.legacy],
    ["MAI q Tokens", "MAI Models", "1K", SKIP_REASONS.anonymous],
    ["4.3 Inp Glbl L Tokens", "Azure Grok Models", "1K", SKIP_REASONS.grokLong],
  ])("skips %s (%s)", (meterName, productName, unitOfMeasure, reason) => {
    expect(readMeter({ meterName, productName, unitOfMeasure })).toEqual({ skipped: reason });
  });

  it("reads an invoice's meter name alone as Azure OpenAI's", () => {
    expect(readMeterName("gpt 4.1 cached Inp glbl Tokens")).toMatchObject({ entry: { modelId: "gpt-4.1-2025-04-14", kind: "cached" } });
  });
});
