import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import { importDeployments } from "../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../lib/pricing/importRetailPrices";
import { monthDays } from "../../lib/core/months";
import type { UsageStore } from "../../lib/store/port";
import { ingestLines, v1Event } from "./ingest";
import { snapshotItems } from "./retailPrices";

export const GATEWAY_RESOURCE =
  "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/aoai-east";
export const DIRECT_RESOURCE =
  "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-lab/providers/Microsoft.CognitiveServices/accounts/aoai-lab";

/**
 * Our side of November 2026: gpt-4o (Global, eastus2) on the 2nd and 3rd, gpt-4.1-mini (Data Zone,
 * eastus2) on the 2nd with cached input, and a Standard deployment in swedencentral on the 3rd
 * that the bill never mentions.
 */
export const DEPLOYMENTS = [
  "deployment,model,region,sku",
  "gpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard",
  "mini,gpt-4.1-mini-2025-04-14,eastus2,DataZoneStandard",
  "sweden,gpt-4o-2024-08-06,swedencentral,Standard",
].join("\n");

const calls = (deployment: string, model: string, appId: string, day: string, n: number, tokens: { prompt: number; cached: number; completion: number }) =>
  Array.from({ length: n }, (_, i) =>
    v1Event({
      requestId: `${deployment}-${day}-${i}`,
      appId,
      deployment,
      model,
      time: `${day}T09:00:00Z`,
      promptTokens: tokens.prompt,
      cachedTokens: tokens.cached,
      completionTokens: tokens.completion,
      totalTokens: tokens.prompt + tokens.completion,
    }),
  );

/** The scenario's events, as NDJSON lines (`chargeback ingest` takes them as they are). */
export const scenarioEvents = () => [
  ...calls("gpt-4o", "gpt-4o-2024-08-06", "app-1", "2026-11-02", 100, { prompt: 1000, cached: 0, completion: 100 }),
  ...calls("gpt-4o", "gpt-4o-2024-08-06", "app-1", "2026-11-03", 100, { prompt: 1000, cached: 0, completion: 100 }),
  ...calls("mini", "gpt-4.1-mini-2025-04-14", "app-2", "2026-11-02", 1000, { prompt: 10_000, cached: 4_000, completion: 1_000 }),
  ...calls("sweden", "gpt-4o-2024-08-06", "app-2", "2026-11-03", 200, { prompt: 1000, cached: 0, completion: 100 }),
];

export async function loadScenarioUsage(store: UsageStore): Promise<void> {
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, DEPLOYMENTS, "deployments.csv");
  await ingestLines(store, scenarioEvents());
}

// Cost Management's FOCUS 1.2 export, every column in its order (the FinOps hub's schema of it).
const FOCUS_HEADER = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "fixtures", "finops-toolkit", "focuscost_1.2.json"), "utf8")) as {
    translator: { mappings: { source: { name: string } }[] };
  }
).translator.mappings.map((m) => m.source.name);

type FocusRow = { day: string; meter: string; quantity: string; billed: string; effective?: string; category?: string; resource?: string };
/**
 * A row as Cost Management writes a token meter: the distinct unit "Units" in ConsumedUnit and
 * PricingUnit, consumed quantity in tokens, pricing quantity in blocks of x_PricingBlockSize, the
 * meter's own unit ("1K") in x_PricingUnitDescription. `quantity` is in thousands of tokens.
 */
const focusRow = (month: string) => (r: FocusRow) => {
  const next = new Date(Date.parse(`${r.day}T00:00:00Z`) + 86_400_000).toISOString();
  const usage = (r.category ?? "Usage") === "Usage";
  const tokens = r.quantity === "" ? "" : String(Number(r.quantity) * 1000);
  // Provisioned throughput is sold by the hour (PricingUnits.csv: "1 Hour" is "Hours", block 1).
  const [unit, block, description] = r.meter.endsWith("Tokens") ? ["Units", "1000", "1K"] : ["Hours", "1", "1 Hour"];
  const cells: Record<string, string> = {
    BilledCost: r.billed,
    BillingAccountId: "ba-1",
    BillingCurrency: "USD",
    BillingPeriodStart: `${month}-01T00:00:00Z`,
    BillingPeriodEnd: `${monthDays(month).to}T00:00:00Z`,
    ChargeCategory: r.category ?? "Usage",
    ChargeDescription: r.meter,
    ChargePeriodStart: `${r.day}T00:00:00Z`,
    ChargePeriodEnd: next,
    ConsumedQuantity: usage ? tokens : "",
    ConsumedUnit: usage ? unit : "",
    EffectiveCost: r.effective ?? r.billed,
    ListCost: r.billed,
    PricingQuantity: r.quantity,
    PricingUnit: unit,
    RegionId: "eastus2",
    ResourceId: r.resource ?? GATEWAY_RESOURCE,
    ServiceName: "Azure OpenAI",
    SkuId: "sku-1",
    SkuMeter: r.meter,
    Tags: '{"env":"prod","team":"ai, platform"}',
    x_PricingBlockSize: block,
    x_PricingUnitDescription: description,
    x_SkuMeterId: "meter-id",
  };
  return FOCUS_HEADER.map((c) => cells[c] ?? "");
};

/**
 * The gateway resource's FOCUS export (gzip'd): gpt-4o at list price with one more day (the 4th)
 * than our events, a $0.05 credit, gpt-4.1-mini at a negotiated price (tokens equal, cost lower),
 * a PTU reservation purchase, and rows that are not token meters. (November 2026, unless the
 * browser tests want another month.)
 */
export function focusExport(month = "2026-11"): string {
  const day = (d: string) => `${month}-${d}`;
  return stringify([
    FOCUS_HEADER,
    ...[
      { day: day("02"), meter: "gpt-4o-0806-Inp-glbl Tokens", quantity: "100", billed: "0.25" },
      { day: day("02"), meter: "gpt-4o-0806-Outp-glbl Tokens", quantity: "10", billed: "0.1" },
      { day: day("03"), meter: "gpt-4o-0806-Inp-glbl Tokens", quantity: "60", billed: "0.15" },
      { day: day("03"), meter: "gpt-4o-0806-Inp-glbl Tokens", quantity: "40", billed: "0.10" },
      { day: day("03"), meter: "gpt-4o-0806-Outp-glbl Tokens", quantity: "10", billed: "0.1" },
      { day: day("04"), meter: "gpt-4o-0806-Inp-glbl Tokens", quantity: "100", billed: "0.25" },
      { day: day("04"), meter: "gpt-4o-0806-Outp-glbl Tokens", quantity: "10", billed: "0.1" },
      { day: day("05"), meter: "gpt-4o-0806-Inp-glbl Tokens", quantity: "0", billed: "-0.05", category: "Credit" },
      { day: day("02"), meter: "gpt 4.1 mini Inp Data Zone Tokens", quantity: "6000", billed: "2.38" },
      { day: day("02"), meter: "gpt 4.1 mini cached Inp DZone Tokens", quantity: "4000", billed: "0.40" },
      { day: day("02"), meter: "gpt 4.1 mini Outp Data Zone Tokens", quantity: "1000", billed: "1.58" },
      { day: day("01"), meter: "Provisioned Managed Global Unit", quantity: "", billed: "1460", effective: "0", category: "Purchase" },
      { day: day("02"), meter: "gpt-4o-0806-FT-inp-glbl Tokens", quantity: "5", billed: "0.0125" },
    ].map(focusRow(month)),
  ]);
}

const CLASSIC_HEADER = [
  "InvoiceSectionName",
  "AccountName",
  "SubscriptionId",
  "Date",
  "MeterId",
  "MeterName",
  "MeterCategory",
  "MeterRegion",
  "Quantity",
  "UnitOfMeasure",
  "CostInBillingCurrency",
  "BillingCurrency",
  "ResourceId",
  "ResourceLocation",
  "ChargeType",
  "PricingModel",
  "Tags",
];

/** A lab subscription's classic (EA) export: gpt-4.1-mini Global that never went through the gateway. */
export function classicExport(): string {
  const row = (date: string, meter: string, quantity: string, cost: string, chargeType = "Usage") => [
    "Lab",
    "lab",
    "22222222-2222-2222-2222-222222222222",
    date,
    "m",
    meter,
    "Foundry Models",
    "US East 2",
    quantity,
    "1K",
    cost,
    "USD",
    DIRECT_RESOURCE,
    "EastUS2",
    chargeType,
    chargeType === "Purchase" ? "Reservation" : "OnDemand",
    "",
  ];
  return stringify([
    CLASSIC_HEADER,
    row("11/10/2026", "gpt 4.1 mini Inp glbl Tokens", "300", "0.12"),
    row("11/11/2026", "gpt 4.1 mini Inp glbl Tokens", "200", "0.08"),
    row("11/01/2026", "Provisioned Managed Global Unit", "1", "730", "Purchase"),
    row("11/12/2026", "Provisioned Managed Global Unit", "24", "24"),
  ]);
}

/** Both exports on disk: the FOCUS one gzip'd, the classic one plain. */
export function writeExports(dir: string): { focus: string; classic: string } {
  const focus = path.join(dir, "focus-2026-11.csv.gz");
  const classic = path.join(dir, "ea-2026-11.csv");
  fs.writeFileSync(focus, gzipSync(focusExport()));
  fs.writeFileSync(classic, classicExport());
  return { focus, classic };
}
