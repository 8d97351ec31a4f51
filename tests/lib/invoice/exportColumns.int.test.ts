import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readHeader } from "../../../lib/invoice/exportColumns";
import { importInvoiceFile } from "../../../lib/invoice/importInvoiceFile";
import { freshStore } from "../../support/store";

// Header rows as Microsoft Learn documents them, and the FinOps hub's schema of each export
// version Cost Management writes (see the READMEs beside them).
const FIXTURES = path.resolve(__dirname, "..", "..", "fixtures");
const LEARN = path.join(FIXTURES, "invoice-headers");
const HUB = path.join(FIXTURES, "finops-toolkit");
const learnHeaders = fs
  .readdirSync(LEARN)
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((f) => [f, fs.readFileSync(path.join(LEARN, f), "utf8").trim().split(",")] as const);
const hubHeaders = fs
  .readdirSync(HUB)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => {
    const schema = JSON.parse(fs.readFileSync(path.join(HUB, f), "utf8")) as { translator: { mappings: { source: { name: string } }[] } };
    return [f, schema.translator.mappings.map((m) => m.source.name)] as const;
  });
const HEADERS = [...learnHeaders, ...hubHeaders];
const isFocus = (file: string) => file.startsWith("focus");

// One gpt-4o input row (500 tokens, $0.00125) as Cost Management writes it: FOCUS with the
// distinct unit "Units", the block in x_PricingBlockSize and the exported unit in
// x_PricingUnitDescription; the classic export in 1K units. Older FOCUS spellings too.
const VALUES: Record<string, string> = {
  chargeperiodstart: "2026-11-02T00:00:00Z",
  date: "11/02/2026",
  chargecategory: "Usage",
  chargetype: "Usage",
  billedcost: "0.00125",
  effectivecost: "0.00125",
  costinbillingcurrency: "0.00125",
  cost: "0.00125",
  consumedquantity: "500",
  usagequantity: "500",
  pricingquantity: "0.5",
  quantity: "0.5",
  consumedunit: "Units",
  usageunit: "Units",
  pricingunit: "Units",
  x_pricingblocksize: "1000",
  x_pricingunitdescription: "1K",
  unitofmeasure: "1K",
  resourceid: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai",
  regionid: "eastus2",
  region: "eastus2",
  resourcelocation: "EastUS2",
  x_skumetername: "gpt-4o-0806-Inp-glbl Tokens",
  skumeter: "gpt-4o-0806-Inp-glbl Tokens",
  metername: "gpt-4o-0806-Inp-glbl Tokens",
  billingcurrency: "USD",
  billingcurrencycode: "USD",
};

describe("export headers as Microsoft writes them", () => {
  it("has every documented export and every hub schema to check", () => {
    expect(HEADERS.map(([f]) => f)).toEqual([
      "ea-2021-10-01.csv",
      "ea-2023-12-01-preview.csv",
      "ea-2024-08-01.csv",
      "focus-1.0.csv",
      "focus-1.2-preview.csv",
      "mca-2021-10-01.csv",
      "mca-2023-12-01-preview.csv",
      "mpa-2023-12-01-preview.csv",
      "actualcost_c360-2025-04.json",
      "amortizedcost_c360-2025-04.json",
      "focuscost_1.0-preview(v1).json",
      "focuscost_1.0.json",
      "focuscost_1.0r2.json",
      "focuscost_1.2-preview.json",
      "focuscost_1.2.json",
    ]);
  });

  it.each(HEADERS)("imports a file with the header of %s, its columns in any order", async (file, header) => {
    const { store, dir } = freshStore();
    const csv = path.join(dir, "export.csv");
    const shuffled = [...header].reverse();
    fs.writeFileSync(csv, stringify([shuffled, shuffled.map((c) => VALUES[c.toLowerCase()] ?? "")]));
    const summary = await importInvoiceFile(store, csv);
    expect(summary).toMatchObject({ format: isFocus(file) ? "focus" : "classic", rows: 1, counted: 1, skipped: {} });
    const [line] = await store.listInvoiceLines("2026-11-01", "2026-12-01");
    expect(line).toMatchObject({
      day: "2026-11-02",
      region: "eastus2",
      modelId: "gpt-4o-2024-08-06",
      kind: "input",
      tokens: 500n,
      effectiveAtto: 125n * 10n ** 13n,
    });
    // Every column not read is listed, none refused.
    expect(summary.ignoredColumns.length).toBe(header.length - (isFocus(file) ? 12 : 9) - (header.includes("x_PricingBlockSize") ? 2 : 0));
  });

  it.each(HEADERS)("imports %s with a column no version has, listing it as ignored", (file, header) => {
    expect(readHeader([...header.slice(0, 5), "Colour", ...header.slice(5)], file).ignoredColumns).toContain("Colour");
  });

  it.each(HEADERS)("refuses %s without its meter name column, naming it", (file, header) => {
    const without = header.filter((c) => !/^(x_SkuMeterName|SkuMeter|MeterName)$/i.test(c));
    expect(() => readHeader(without, file)).toThrow(
      isFocus(file)
        ? `${file}: not a FOCUS export we read (missing x_SkuMeterName or SkuMeter); nothing imported`
        : `${file}: not a classic cost details export we read (missing MeterName); nothing imported`,
    );
  });
});
