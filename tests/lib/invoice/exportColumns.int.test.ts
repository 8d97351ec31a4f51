import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { readHeader } from "../../../lib/invoice/exportColumns";
import { importInvoiceFile } from "../../../lib/invoice/importInvoiceFile";
import { freshStore } from "../../support/store";

// Header rows exactly as Microsoft Learn documents them (see the README beside them).
const DIR = path.resolve(__dirname, "..", "..", "fixtures", "invoice-headers");
const HEADERS = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".csv"))
  .sort();
const headerOf = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8").trim().split(",");

// One gpt-4o input row (0.5 × 1K tokens, $0.00125) in whichever spelling the header uses.
const VALUES: Record<string, string> = {
  chargeperiodstart: "2026-11-02T00:00:00Z",
  date: "11/02/2026",
  chargecategory: "Usage",
  chargetype: "Usage",
  billedcost: "0.00125",
  effectivecost: "0.00125",
  costinbillingcurrency: "0.00125",
  consumedquantity: "0.5",
  pricingquantity: "0.5",
  quantity: "0.5",
  consumedunit: "1K Tokens",
  pricingunit: "1K Tokens",
  unitofmeasure: "1K",
  resourceid: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai",
  regionid: "eastus2",
  resourcelocation: "EastUS2",
  x_skumetername: "gpt-4o-0806-Inp-glbl Tokens",
  skumeter: "gpt-4o-0806-Inp-glbl Tokens",
  metername: "gpt-4o-0806-Inp-glbl Tokens",
  billingcurrency: "USD",
  billingcurrencycode: "USD",
};

describe("export headers as Microsoft documents them", () => {
  it("has every documented export to check", () => {
    expect(HEADERS).toEqual([
      "ea-2021-10-01.csv",
      "ea-2023-12-01-preview.csv",
      "ea-2024-08-01.csv",
      "focus-1.0.csv",
      "focus-1.2-preview.csv",
      "mca-2021-10-01.csv",
      "mca-2023-12-01-preview.csv",
      "mpa-2023-12-01-preview.csv",
    ]);
  });

  it.each(HEADERS)("imports a file with the header of %s", async (file) => {
    const header = headerOf(file);
    const { store, dir } = freshStore();
    const csv = path.join(dir, file);
    fs.writeFileSync(csv, stringify([header, header.map((c) => VALUES[c.toLowerCase()] ?? "")]));
    const summary = await importInvoiceFile(store, csv);
    expect(summary).toMatchObject({ format: file.startsWith("focus") ? "focus" : "classic", rows: 1, counted: 1, skipped: {} });
    const [line] = await store.listInvoiceLines("2026-11-01", "2026-12-01");
    expect(line).toMatchObject({
      day: "2026-11-02",
      region: "eastus2",
      modelId: "gpt-4o-2024-08-06",
      kind: "input",
      tokens: 500n,
      effectiveAtto: 125n * 10n ** 13n,
    });
  });

  it.each(HEADERS)("refuses the header of %s with a column the documentation does not have, naming it", (file) => {
    const header = headerOf(file);
    const format = file.startsWith("focus") ? "FOCUS" : "classic cost details";
    expect(() => readHeader([...header.slice(0, 5), "Colour", ...header.slice(5)], file)).toThrow(
      `${file}: not a ${format} export we read (unknown Colour); nothing imported`,
    );
  });
});
