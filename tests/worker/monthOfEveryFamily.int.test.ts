import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../ingest/worker/demo/random";
import { importOrgMappings } from "../../lib/org/importOrgMappings";
import { importDeployments } from "../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../lib/pricing/importRetailPrices";
import { getChargebackReport } from "../../lib/reports/getChargebackReport";
import { ingestLines } from "../support/ingest";
import { snapshotItems } from "../support/retailPrices";
import { snapshotRate } from "../support/snapshotRates";
import { freshStore } from "../support/store";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { itemAt } from "../../lib/core/arrays";

/** The parts of a call, each billed on one meter. */
type Part = "input" | "cached" | "cacheWrite" | "output" | "audioInput" | "audioCached" | "audioOutput" | "imageInput" | "imageCached" | "imageOutput";
type Meters = Partial<Record<Part, string>>;
type Family = { model: string; sku: string; shape: "chat" | "embedding" | "realtime" | "image"; standard: Meters; priority?: Meters; long?: Meters };

const text = (input: string, cached: string, output: string, cacheWrite = input): Meters => ({ input, cached, output, cacheWrite });
const gl = (prefix: string, tier: string) =>
  text(
    `${prefix} Inp ${tier} Gl 1M Tokens`,
    `${prefix} Cd Inp ${tier} Gl 1M Tokens`,
    `${prefix} Opt ${tier} Gl 1M Tokens`,
    `${prefix} Cd Wr ${tier} Gl 1M Tokens`,
  );
const dz = (prefix: string, tier: string) =>
  text(
    `${prefix} Inp ${tier} DZ 1M Tokens`,
    `${prefix} Cd Inp ${tier} DZ 1M Tokens`,
    `${prefix} Opt ${tier} DZ 1M Tokens`,
    `${prefix} Cd Wr ${tier} DZ 1M Tokens`,
  );

// The test's own reading of which eastus2 meter bills each part of a call (a model without a
// cached or cache-write meter bills those tokens on its input meter).
const FAMILIES: Family[] = [
  {
    model: "gpt-5.6-sol",
    sku: "GlobalStandard",
    shape: "chat",
    standard: gl("5.6 sol ShortCo", "Std"),
    priority: gl("5.6 sol ShortCo", "PP"),
    long: gl("5.6 sol LongCo", "Std"),
  },
  {
    model: "gpt-5.6-luna",
    sku: "DataZoneStandard",
    shape: "chat",
    standard: dz("5.6 luna ShortCo", "Std"),
    priority: dz("5.6 luna ShortCo", "PP"),
    long: dz("5.6 luna LongCo", "Std"),
  },
  { model: "gpt-5.6-terra", sku: "GlobalStandard", shape: "chat", standard: gl("5.6 terra ShortCo", "Std"), long: gl("5.6 terra LongCo", "Std") },
  {
    model: "gpt-5.5",
    sku: "GlobalStandard",
    shape: "chat",
    standard: text("5.5 ShortCo inp Gl 1M Tokens", "5.5 ShortCo cd inp Gl 1M Tokens", "5.5 ShortCo opt Gl 1M Tokens"),
    priority: text("5.5 ShortCo PP inp Gl 1M Tokens", "5.5 ShortCo PP cd inp Gl 1M Tokens", "5.5 ShortCo PP opt Gl 1M Tokens"),
    long: text("5.5 LongCo inp Gl 1M Tokens", "5.5 LongCo cd inp Gl 1M Tokens", "5.5 LongCo opt Gl 1M Tokens"),
  },
  {
    model: "gpt-5.4",
    sku: "GlobalBatch",
    shape: "chat",
    standard: text("5.4 Batch inp Gl 1M Tokens", "5.4 Batch cd inp Gl 1M Tokens", "5.4 Batch opt Gl 1M Tokens"),
    long: text("5.4 longco batch inp Gl 1M Tokens", "5.4 longco batch cd inp Gl 1M Tokens", "5.4 longco batch opt Gl 1M Tokens"),
  },
  {
    model: "gpt-4.1-2025-04-14",
    sku: "DataZoneStandard",
    shape: "chat",
    standard: text("gpt 4.1 Inp Data Zone Tokens", "gpt 4.1 cached Inp Data Zone Tokens", "gpt 4.1 Outp Data Zone Tokens"),
    priority: text("4.1 pp inp Dz Tokens", "4.1 pp cd inp Dz Tokens", "4.1 pp opt Dz Tokens"),
  },
  {
    model: "o3-2025-04-16",
    sku: "Standard",
    shape: "chat",
    standard: text("o3 0416 Inp regnl Tokens", "o3 0416 cached Inp regnl Tokens", "o3 0416 Outp regnl Tokens"),
  },
  {
    model: "o4-mini",
    sku: "GlobalStandard",
    shape: "chat",
    standard: text("o4-mini 0416 Inp glbl Tokens", "o4-mini 0416 cached Inp glbl Tokens", "o4-mini 0416 Outp glbl Tokens"),
  },
  {
    model: "o1-2024-12-17",
    sku: "GlobalBatch",
    shape: "chat",
    standard: text("o1 1217 Batch Inp glbl Tokens", "o1 1217 Batch Inp glbl Tokens", "o1 1217 Batch Outp glbl Tokens"),
  },
  {
    model: "gpt-5-pro",
    sku: "GlobalStandard",
    shape: "chat",
    standard: text("gpt 5 pro inp glbl Tokens", "gpt 5 pro inp glbl Tokens", "gpt 5 pro out glbl Tokens"),
  },
  { model: "DeepSeek-R1", sku: "GlobalStandard", shape: "chat", standard: text("R1 Inp glbl Tokens", "R1 Inp glbl Tokens", "R1 Outp glbl Tokens") },
  {
    model: "MAI-DS-R1",
    sku: "DataZoneStandard",
    shape: "chat",
    standard: text("MAI-DS-R1 Inp Dzone Tokens", "MAI-DS-R1 Inp Dzone Tokens", "MAI-DS-R1 Outp Dzone Tokens"),
  },
  {
    model: "llama-3.3-70b",
    sku: "DataZoneStandard",
    shape: "chat",
    standard: text("Llama 3.3 70B Inp Dzone Tokens", "Llama 3.3 70B Inp Dzone Tokens", "Llama 3.3 70B Outp Dzone Tokens"),
  },
  { model: "grok-4.3", sku: "GlobalStandard", shape: "chat", standard: text("4.3 Inp Glbl Tokens", "4.3 Cached Inp Glbl Tokens", "4.3 Outp Glbl Tokens") },
  {
    model: "mistral-large-3",
    sku: "GlobalStandard",
    shape: "chat",
    standard: text("Large 3 Inp glbl Tokens", "Large 3 Inp glbl Tokens", "Large 3 Outp glbl Tokens"),
  },
  {
    model: "cohere-command-a",
    sku: "DataZoneStandard",
    shape: "chat",
    standard: text("Command A Inp DZ Tokens", "Command A Inp DZ Tokens", "Command A Outp DZ Tokens"),
  },
  {
    model: "kimi-k2.5",
    sku: "GlobalStandard",
    shape: "chat",
    standard: text("K2.5 Thinking Inp glbl Tokens", "K2.5 cached glbl Tokens", "K2.5 Thinking Outp glbl Tokens"),
  },
  { model: "phi-4", sku: "Standard", shape: "chat", standard: text("Phi-4-Input Tokens", "Phi-4-Input Tokens", "Phi-4-Output Tokens") },
  { model: "text-embedding-3-large", sku: "GlobalStandard", shape: "embedding", standard: { input: "text-embedding-3-large-glbl Tokens" } },
  {
    model: "gpt-realtime-2025-08-28",
    sku: "GlobalStandard",
    shape: "realtime",
    standard: {
      ...text("gpt rt txt 0828 Inp glbl Tokens", "gpt rt txt 0828 cchd Inp glbl Tokens", "gpt rt txt 0828 Outp glbl Tokens"),
      audioInput: "gpt rt aud 0828 Inp glbl Tokens",
      audioCached: "gpt rt aud 0828 cchd Inp glbl Tokens",
      audioOutput: "gpt rt aud 0828 Outp glbl Tokens",
    },
  },
  {
    model: "gpt-image-1",
    sku: "GlobalStandard",
    shape: "image",
    standard: {
      input: "gpt-image-1-inp-txt-glbl Tokens",
      cached: "gpt-image-1-inp-cached-txt-glbl Tokens",
      imageInput: "gpt-image-1-inp-img-glbl Tokens",
      imageCached: "gpt-image-1-inp-cached-img-glbl Tokens",
      imageOutput: "gpt-image-1-output-img-glbl Tokens",
    },
  },
];

const MONTH = "2026-11";
const CALLS_PER_DAY = 24;

/** A month of calls of every family: the event lines, and what the test expects them to cost in dollars. */
function generateMonth(): { lines: string[]; expected: Decimal } {
  const random = seededRandom(19);
  const int = (max: number) => Math.floor(random() * max);
  const lines: string[] = [];
  let expected = new Decimal(0);
  for (let day = 1; day <= 30; day++) {
    for (let n = 0; n < CALLS_PER_DAY; n++) {
      const family = itemAt(FAMILIES, (day * CALLS_PER_DAY + n) % FAMILIES.length);
      const time = new Date(Date.UTC(2026, 10, day, int(24), int(60), int(60))).toISOString();
      const priority = family.priority !== undefined && random() < 0.3;
      const long = !priority && family.long !== undefined && random() < 0.25;
      const parts: Partial<Record<Part, number>> = {};
      if (family.shape === "embedding") parts.input = 1 + int(8_000);
      else {
        parts.input = long ? 272_001 + int(100_000) : 1 + int(20_000);
        parts.cached = int(5_000);
        parts.output = int(4_000);
        if (family.shape === "chat") parts.cacheWrite = int(2) === 0 ? 0 : int(3_000);
        if (family.shape === "realtime") Object.assign(parts, { audioInput: int(9_000), audioCached: int(2_000), audioOutput: int(3_000) });
        if (family.shape === "image") Object.assign(parts, { output: 0, imageInput: int(1_500), imageCached: int(500), imageOutput: 1_056 + int(5_000) });
      }
      const meters = priority ? family.priority! : long ? family.long! : family.standard;
      for (const [part, tokens] of Object.entries(parts) as [Part, number][]) {
        if (tokens > 0) expected = expected.plus(snapshotRate("eastus2", meters[part]!, time.slice(0, 10)).times(tokens));
      }
      const v = (p: Part) => parts[p] ?? 0;
      const promptTokens = v("input") + v("cached") + v("cacheWrite") + v("audioInput") + v("audioCached") + v("imageInput") + v("imageCached");
      const completionTokens = v("output") + v("audioOutput") + v("imageOutput");
      lines.push(
        JSON.stringify({
          schema: "chargeback/v1",
          requestId: `${MONTH}-${day}-${n}`,
          time,
          appId: `app-${n % 5}`,
          deployment: family.model,
          model: family.model,
          operation: family.shape,
          region: "eastus2",
          promptTokens,
          cachedTokens: v("cached") + v("audioCached") + v("imageCached"),
          cacheWriteTokens: v("cacheWrite"),
          audioInputTokens: v("audioInput") + v("audioCached"),
          audioCachedTokens: v("audioCached"),
          audioOutputTokens: v("audioOutput"),
          imageInputTokens: v("imageInput") + v("imageCached"),
          imageCachedTokens: v("imageCached"),
          imageOutputTokens: v("imageOutput"),
          completionTokens,
          reasoningTokens: 0,
          totalTokens: promptTokens + completionTokens,
          ...(priority ? { serviceTier: "priority" } : {}),
          status: 200,
        }),
      );
    }
  }
  return { lines, expected };
}

describe("a month of calls of every family, priced against the real eastus2 snapshot", () => {
  it("reconciles to the cent with the test's own total from the snapshot rows", async () => {
    const { store } = freshStore();
    await importRetailPrices(
      store,
      snapshotItems().filter((i) => i.armRegionName === "eastus2"),
    );
    await importDeployments(
      store,
      `deployment,model,region,sku\n${FAMILIES.map((f) => `${f.model},${f.model},eastus2,${f.sku}`).join("\n")}\n`,
      "deployments.csv",
    );
    await importOrgMappings(
      store,
      `appId,costCenter,businessUnit,validFrom\n${[0, 1, 2, 3, 4].map((n) => `app-${n},CC-${n},Unit ${n % 2},2026-01-01`).join("\n")}\n`,
      "org.csv",
    );
    const { lines, expected } = generateMonth();
    expect(await ingestLines(store, lines)).toMatchObject({ accepted: lines.length, quarantined: 0, unpriced: 0 });

    const report = await getChargebackReport(new LedgerReader(store), MONTH, "model");
    expect(report.unpriced.requests).toBe(0);
    expect(report.total).toBe(expected.toFixed(2, Decimal.ROUND_HALF_UP));
    // Every family was called, and each is its own row.
    expect(report.rows).toHaveLength(FAMILIES.length);
    expect(report.unmapped.cost).toBe("0.00");
  });
});
