import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { focusHeader } from "../../../lib/exports/focusCsv";
import { focusMetadata } from "../../../lib/exports/focusMetadata";

describe("the FOCUS export's metadata", () => {
  it("names the data generator, FOCUS 1.2 and every column of the export in its order, with its data type", () => {
    const meta = focusMetadata();
    const [header] = parse(focusHeader()) as string[][];
    expect(meta).toMatchObject({ DataGenerator: "Chargeback", FocusVersion: "1.2", CreationDate: "2026-12-06T00:00:00Z" });
    expect(meta.ColumnDefinition.map((c) => c.ColumnName)).toEqual(header);
    const byName = Object.fromEntries(meta.ColumnDefinition.map((c) => [c.ColumnName, c]));
    expect(byName.BilledCost).toEqual({ ColumnName: "BilledCost", DataType: "DECIMAL" });
    expect(byName.ChargePeriodEnd).toEqual({ ColumnName: "ChargePeriodEnd", DataType: "DATETIME" });
    expect(byName.SkuId).toEqual({ ColumnName: "SkuId", DataType: "STRING", StringEncoding: "UTF-8" });
    expect(byName.Tags).toEqual({ ColumnName: "Tags", DataType: "JSON", StringEncoding: "UTF-8", ProviderTagPrefixes: ["x_"] });
  });

  it("changes its schema id with the columns: a new id needs a new CreationDate in lib/exports/focusMetadata.ts", () => {
    expect(focusMetadata().SchemaId).toBe("153d43e3bdf4e3f3");
  });
});
