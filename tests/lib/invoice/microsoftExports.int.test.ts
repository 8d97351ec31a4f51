import { NOT_TOKENS } from "../../../lib/invoice/readRowGroup";
import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importInvoiceFile } from "../../../lib/invoice/importInvoiceFile";
import { getReconciliation } from "../../../lib/reconciliation/getReconciliation";
import { GATEWAY_RESOURCE, loadScenarioUsage, writeExports } from "../../support/invoiceScenario";
import { freshStore } from "../../support/store";
import { itemAt } from "../../../lib/core/arrays";

// Microsoft's own files (tests/fixtures/finops-toolkit/README.md says where each comes from).
const HUB = path.resolve(__dirname, "..", "..", "fixtures", "finops-toolkit");
const csvRows = (file: string) => Papa.parse<string[]>(fs.readFileSync(path.join(HUB, file), "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
const hubHeader = (file: string) =>
  (JSON.parse(fs.readFileSync(path.join(HUB, file), "utf8")) as { translator: { mappings: { source: { name: string } }[] } }).translator.mappings.map(
    (m) => m.source.name,
  );

describe("Microsoft's EA test exports", () => {
  it.each([
    // The actual-cost export: one reservation purchase, ten usage rows of VMs, storage, SQL, …
    ["EA_ActualCost_Small.csv", 11, { "purchase (its cost is in usage rows, amortized)": 1, [NOT_TOKENS]: 10 }],
    // The amortized one: 28 usage rows, none of them a Foundry token meter.
    ["EA_AmortizedCost_Small.csv", 28, { [NOT_TOKENS]: 28 }],
    ["EA_NoRows.csv", 0, {}],
  ] as const)(
    "import %s (BOM, MM/DD/YYYY dates, 28-decimal amounts): every row read, none a token row, each skipped with its reason",
    async (file, rows, skipped) => {
      const { store } = freshStore();
      const summary = await importInvoiceFile(store, path.join(HUB, file));
      expect(summary).toMatchObject({ format: "classic", rows, counted: 0, lines: 0, skipped, alreadyImported: false });
      // Of its 55 columns the import reads 9; the rest, such as the ones Learn does not list, are named.
      expect(summary.ignoredColumns).toHaveLength(46);
      expect(summary.ignoredColumns).toEqual(expect.arrayContaining(["Product", "InvoiceSection", "benefitId", "benefitName"]));
      expect(await store.listInvoiceImports()).toHaveLength(1);
    },
  );

  it("counts Foundry token rows written in the same export's columns, 28 decimals and all, beside its own rows", async () => {
    const { store, dir } = freshStore();
    const [header = [], ...rows] = csvRows("EA_AmortizedCost_Small.csv");
    const at = (name: string) => header.indexOf(name);
    const token = (date: string, meter: string, quantity: string, cost: string) => {
      const row = [...itemAt(rows, 0)];
      for (const [name, value] of Object.entries({
        Date: date,
        MeterName: meter,
        MeterCategory: "Foundry Models",
        Quantity: quantity,
        UnitOfMeasure: "1K",
        Cost: cost,
        ResourceId: GATEWAY_RESOURCE,
        ResourceLocation: "EastUS2",
        ChargeType: "Usage",
      }))
        row[at(name)] = value;
      return row;
    };
    const file = path.join(dir, "ea-with-tokens.csv");
    fs.writeFileSync(
      file,
      `\uFEFF${stringify([
        header,
        ...rows,
        token("11/02/2026", "gpt-4o-0806-Inp-glbl Tokens", "100", "0.2500000000000000000000000001"),
        token("11/02/2026", "gpt-4o-0806-Outp-glbl Tokens", "0.5", "0.0049999999999999999999999999"),
      ])}`,
    );
    const summary = await importInvoiceFile(store, file);
    expect(summary).toMatchObject({ rows: 30, counted: 2, skipped: { [NOT_TOKENS]: 28 } });
    const lines = await store.listInvoiceLines("2026-11-01", "2026-12-01");
    expect(lines.map((l) => [l.day, l.kind, l.tokens, l.effectiveAtto])).toEqual([
      ["2026-11-02", "input", 100_000n, 25n * 10n ** 16n],
      ["2026-11-02", "output", 500n, 5n * 10n ** 15n],
    ]);
  });
});

describe("FOCUS units as Cost Management writes them", () => {
  const header = hubHeader("focuscost_1.2.json");
  const row = (cells: Record<string, string>) =>
    header.map(
      (c) =>
        cells[c] ??
        {
          ChargePeriodStart: "2026-11-02T00:00:00Z",
          ChargeCategory: "Usage",
          BilledCost: "1",
          EffectiveCost: "1",
          ResourceId: GATEWAY_RESOURCE,
          RegionId: "eastus2",
          BillingCurrency: "USD",
          SkuMeter: "gpt-4o-0806-Inp-glbl Tokens",
        }[c] ??
        "",
    );
  // Every unit PricingUnits.csv maps a token meter's UnitOfMeasure to: the distinct "Units" and a block.
  const blocks = csvRows("PricingUnits.csv")
    .slice(1)
    .filter(([unit = "", , , distinct]) => /^1[KM]$/.test(unit) && distinct === "Units");

  it("has the 1K and 1M token units to check", () => {
    expect(blocks.map(([unit, , size]) => [unit, size])).toEqual([
      ["1K", "1000"],
      ["1M", "1000000"],
    ]);
  });

  it.each(blocks)("reads %s as the distinct unit with its block size, or with the description alone", async (unit, _accounts, size, distinct) => {
    const { store, dir } = freshStore();
    const file = path.join(dir, "focus.csv");
    const described = { PricingUnit: distinct, PricingQuantity: "2.5", x_PricingUnitDescription: unit };
    fs.writeFileSync(
      file,
      stringify([
        header,
        row({ ...described, ConsumedUnit: distinct, ConsumedQuantity: String(2.5 * Number(size)), x_PricingBlockSize: size }),
        row({ ...described, ChargePeriodStart: "2026-11-03T00:00:00Z" }),
        row({ PricingUnit: distinct, PricingQuantity: "2.5", ChargePeriodStart: "2026-11-04T00:00:00Z" }),
      ]),
    );
    const summary = await importInvoiceFile(store, file);
    expect(summary).toMatchObject({ format: "focus", rows: 3, counted: 2, skipped: { "unit is not tokens": 1 } });
    const tokens = (BigInt(size) * 5n) / 2n;
    expect((await store.listInvoiceLines("2026-11-01", "2026-12-01")).map((l) => [l.day, l.tokens])).toEqual([
      ["2026-11-02", tokens],
      ["2026-11-03", tokens],
    ]);
  });

  it("reconciles a FOCUS 1.2 export in Units with x_PricingBlockSize to the invoice, not to 0", async () => {
    const { store, dir } = freshStore();
    await loadScenarioUsage(store);
    await importInvoiceFile(store, writeExports(dir).focus);
    const { total } = await getReconciliation(store, "2026-11");
    // The scenario's token rows: 11,330 thousand tokens, $5.36 effective (a $0.05 credit included).
    expect(total).toMatchObject({ invoiceTokens: 11_330_000, invoicedCost: "5.36", computedCost: "6.31" });
  });
});
