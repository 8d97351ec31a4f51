import { describe, expect, it } from "vitest";
import { decimalToAtto, tokensOf } from "../../../lib/invoice/decimalAtto";
import { readHeader } from "../../../lib/invoice/exportColumns";
import { InvoiceTally } from "../../../lib/invoice/invoiceTally";
import { SKIP_REASONS } from "../../../lib/pricing/skippedMeters";
import { itemAt } from "../../../lib/core/arrays";

const FOCUS = [
  "ChargePeriodStart",
  "ChargeCategory",
  "BilledCost",
  "EffectiveCost",
  "ConsumedQuantity",
  "ConsumedUnit",
  "PricingQuantity",
  "PricingUnit",
  "ResourceId",
  "RegionId",
  "BillingCurrency",
  "x_SkuMeterName",
  "x_SkuMeterId",
  "Tags",
];
const { fields } = readHeader(FOCUS, "f.csv");
const focusRow = (over: Partial<Record<string, string>>) =>
  FOCUS.map(
    (c) =>
      over[c] ??
      {
        ChargePeriodStart: "2026-11-02T00:00:00Z",
        ChargeCategory: "Usage",
        BilledCost: "0.25",
        EffectiveCost: "0.2",
        ConsumedQuantity: "100",
        ConsumedUnit: "1K Tokens",
        PricingQuantity: "100",
        PricingUnit: "1K Tokens",
        ResourceId: "/subscriptions/S/Accounts/A",
        RegionId: "eastus2",
        BillingCurrency: "usd",
        x_SkuMeterName: "gpt-4o-0806-Inp-glbl Tokens",
      }[c] ??
      "",
  );

/** What one row adds up to: its line, or the reason it does not count. */
type Reading = { skipped: string } | { row: Record<string, unknown> & { chargeCategory: string; tokens: bigint; effectiveAtto: bigint } };
function readInvoiceRow(cells: string[], f: typeof fields, resources: string[]): Reading {
  const tally = new InvoiceTally(f, resources);
  tally.add(cells);
  const [line] = tally.lines();
  if (!line) return { skipped: Object.keys(tally.skipped).join(", ") };
  const { modelId, sku, batch, kind, rows, tokens, billedAtto, effectiveAtto, ...rest } = line;
  return { row: { ...rest, meter: { modelId, sku, batch, kind }, tokens, billedAtto, effectiveAtto } };
}

describe("reading an export row", () => {
  it("maps a token meter through the catalog and converts its quantity exactly to tokens", () => {
    expect(readInvoiceRow(focusRow({}), fields, [])).toEqual({
      row: {
        day: "2026-11-02",
        resourceId: "/subscriptions/s/accounts/a",
        region: "eastus2",
        meterName: "gpt-4o-0806-Inp-glbl Tokens",
        meter: { modelId: "gpt-4o-2024-08-06", sku: "global", batch: false, kind: "input" },
        chargeCategory: "Usage",
        currency: "USD",
        tokens: 100_000n,
        billedAtto: 25n * 10n ** 16n,
        effectiveAtto: 2n * 10n ** 17n,
      },
    });
  });

  it.each([
    ["1K", "2.5", 2_500n],
    ["1M", "0.0125", 12_500n],
    ["1K Tokens", "0.001", 1n],
    ["1M Tokens", "3", 3_000_000n],
    ["Tokens", "42", 42n],
  ])("reads %s units", (unit, quantity, tokens) => {
    const r = readInvoiceRow(focusRow({ ConsumedUnit: unit, ConsumedQuantity: quantity }), fields, []);
    expect("row" in r && r.row.tokens).toBe(tokens);
  });

  it.each([
    ["1000", "1K", "2.5", 2_500n],
    ["1000.0", "1K", "2.5", 2_500n],
    ["", "1M", "0.0125", 12_500n],
    ["1000000", "", "3", 3_000_000n],
  ])("reads the distinct unit Units with block size %j and description %j", (size, description, quantity, tokens) => {
    const header = [...FOCUS, "x_PricingBlockSize", "x_PricingUnitDescription"];
    const row = [...focusRow({ ConsumedUnit: "Units", PricingUnit: "Units", PricingQuantity: quantity }), size, description];
    const r = readInvoiceRow(row, readHeader(header, "ms.csv").fields, []);
    expect("row" in r && r.row.tokens).toBe(tokens);
  });

  it.each([
    ["0", "1K"],
    ["", ""],
    ["lots", "1K"],
  ])("does not guess tokens from Units with block size %j and description %j", (size, description) => {
    const header = [...FOCUS, "x_PricingBlockSize", "x_PricingUnitDescription"];
    const row = [...focusRow({ ConsumedUnit: "Units", PricingUnit: "Units" }), size, description];
    expect(readInvoiceRow(row, readHeader(header, "ms.csv").fields, [])).toEqual({ skipped: "unit is not tokens" });
  });

  it.each([
    [{ ChargeCategory: "Purchase" }, "purchase (its cost is in usage rows, amortized)"],
    [{ ChargeCategory: "Tax" }, "tax"],
    [{ x_SkuMeterName: "gpt-4o-0806-FT-inp-glbl Tokens" }, `not priced (${SKIP_REASONS.fineTuned})`],
    [{ x_SkuMeterName: "Provisioned Managed Global Unit" }, `not priced (${SKIP_REASONS.provisioned})`],
    [{ ConsumedUnit: "1 Hour", PricingUnit: "1 Hour" }, "unit is not tokens"],
    [{ ChargePeriodStart: "soon" }, "unreadable charge date"],
    [{ BilledCost: "lots" }, "unreadable cost"],
  ])("skips %o with its reason", (over, reason) => {
    expect(readInvoiceRow(focusRow(over), fields, [])).toEqual({ skipped: reason });
  });

  it("keeps credits (negative) as their own category, and counts only configured resources when some are", () => {
    const credit = readInvoiceRow(focusRow({ ChargeCategory: "Credit", BilledCost: "-0.05", EffectiveCost: "-0.05", ConsumedQuantity: "0" }), fields, []);
    expect("row" in credit && [credit.row.chargeCategory, credit.row.effectiveAtto]).toEqual(["Credit", -5n * 10n ** 16n]);
    expect(readInvoiceRow(focusRow({}), fields, ["/subscriptions/other"])).toEqual({ skipped: "resource not configured for the gateway" });
    expect("row" in readInvoiceRow(focusRow({}), fields, ["/subscriptions/s/"])).toBe(true);
  });
});

describe("export headers", () => {
  it("refuses a FOCUS file missing columns it needs, naming them, and lists the columns it does not read", () => {
    expect(() =>
      readHeader(
        FOCUS.filter((c) => c !== "EffectiveCost" && c !== "x_SkuMeterName"),
        "a.csv",
      ),
    ).toThrow("a.csv: not a FOCUS export we read (missing EffectiveCost, x_SkuMeterName or SkuMeter); nothing imported");
    expect(readHeader([...FOCUS, "CostCenter"], "b.csv").ignoredColumns).toEqual(["x_SkuMeterId", "Tags", "CostCenter"]);
  });

  it("reads the classic export in either casing, and refuses what it lacks", () => {
    const classic = [
      "Date",
      "MeterName",
      "Quantity",
      "UnitOfMeasure",
      "CostInBillingCurrency",
      "ResourceId",
      "ResourceLocation",
      "ChargeType",
      "BillingCurrencyCode",
    ];
    expect(readHeader(classic, "ea.csv")).toMatchObject({ format: "classic", ignoredColumns: [] });
    expect(
      readHeader(
        classic.map((c) => itemAt(c, 0).toLowerCase() + c.slice(1)),
        "mca.csv",
      ).format,
    ).toBe("classic");
    expect(() => readHeader(["date", "meterName", "Colour"], "x.csv")).toThrow(
      "x.csv: not a classic cost details export we read (missing ChargeType, CostInBillingCurrency or Cost, Quantity, UnitOfMeasure, ResourceId, ResourceLocation, BillingCurrency or BillingCurrencyCode); nothing imported",
    );
  });
});

describe("amounts", () => {
  it("are exact 10^-18 units, plain or in exponent notation", () => {
    expect(decimalToAtto("0.000000000000000001")).toBe(1n);
    expect(decimalToAtto("-12.5")).toBe(-125n * 10n ** 17n);
    expect(decimalToAtto("1.2E-05")).toBe(12n * 10n ** 12n);
    expect(decimalToAtto("")).toBe(0n);
    expect(decimalToAtto("n/a")).toBeNull();
    expect(tokensOf(decimalToAtto("0.0005")!, 1000n)).toBe(1n); // half a token rounds away from zero
  });
});
