import { UserError } from "../core/errors";
import type { InvoiceFormat } from "./invoiceLine";

/** What an import reads of a row, whichever format it comes in. */
export type Field =
  | "day"
  | "chargeCategory"
  | "billed"
  | "effective"
  | "quantity"
  | "unit"
  | "pricingQuantity"
  | "pricingUnit"
  | "resourceId"
  | "region"
  | "meterName"
  | "currency"
  | "blockSize"
  | "unitDescription";
/** Where each field is in a row; -1 for an optional field the file does not have. */
export type FieldIndex = Record<Field, number>;

/** The header names a field goes by (the first one a file has is read), and whether a file may lack it. */
type Wanted = { names: string[]; optional?: true };

// FOCUS as Cost Management writes it (the FinOps hub export schemas focuscost_1.0-preview(v1),
// 1.0, 1.0r2, 1.2-preview and 1.2 in microsoft/finops-toolkit, and Microsoft Learn's "FOCUS cost
// and usage details file schema"). 1.0-preview named the consumed columns UsageQuantity, UsageUnit
// and the region Region; 1.2 drops x_SkuMeterName for SkuMeter. Token meters carry the distinct
// unit "Units" in ConsumedUnit and PricingUnit, the exported unit ("1K", "1M") in
// x_PricingUnitDescription and its size in x_PricingBlockSize (the toolkit's open-data
// PricingUnits.csv): those two are read when a file has them.
const FOCUS_FIELDS: Record<Field, Wanted> = {
  day: { names: ["ChargePeriodStart"] },
  chargeCategory: { names: ["ChargeCategory"] },
  billed: { names: ["BilledCost"] },
  effective: { names: ["EffectiveCost"] },
  quantity: { names: ["ConsumedQuantity", "UsageQuantity"] },
  unit: { names: ["ConsumedUnit", "UsageUnit"] },
  pricingQuantity: { names: ["PricingQuantity"] },
  pricingUnit: { names: ["PricingUnit"] },
  resourceId: { names: ["ResourceId"] },
  region: { names: ["RegionId", "Region"] },
  meterName: { names: ["x_SkuMeterName", "SkuMeter"] },
  currency: { names: ["BillingCurrency"] },
  blockSize: { names: ["x_PricingBlockSize"], optional: true },
  unitDescription: { names: ["x_PricingUnitDescription"], optional: true },
};

// The classic cost details, actual or amortized (the same columns): EA as Microsoft's own test
// exports and the FinOps hub schemas actualcost_c360-2025-04 / amortizedcost_c360-2025-04 write it
// (Cost, BillingCurrency), EA, MCA and MPA as Learn's dataset-schema pages list them
// (CostInBillingCurrency, BillingCurrencyCode; MCA in camelCase). Names are compared in any case.
const CLASSIC_FIELDS: Record<Field, Wanted> = {
  day: { names: ["Date"] },
  chargeCategory: { names: ["ChargeType"] },
  billed: { names: ["CostInBillingCurrency", "Cost"] },
  effective: { names: ["CostInBillingCurrency", "Cost"] },
  quantity: { names: ["Quantity"] },
  unit: { names: ["UnitOfMeasure"] },
  pricingQuantity: { names: ["Quantity"] },
  pricingUnit: { names: ["UnitOfMeasure"] },
  resourceId: { names: ["ResourceId"] },
  region: { names: ["ResourceLocation"] },
  meterName: { names: ["MeterName"] },
  currency: { names: ["BillingCurrency", "BillingCurrencyCode"] },
  blockSize: { names: [], optional: true },
  unitDescription: { names: [], optional: true },
};

export type ExportHeader = { format: InvoiceFormat; fields: FieldIndex; ignoredColumns: string[] };

/**
 * Which export a header is, where each field we read is (in whatever order the columns come), and
 * which columns are not read: FOCUS when it has ChargePeriodStart, else the classic cost details.
 * Refused only when a column we need is missing, naming it.
 */
export function readHeader(header: string[], file: string): ExportHeader {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const lower = names.map((n) => n.toLowerCase());
  const focus = lower.includes("chargeperiodstart");
  const wanted = focus ? FOCUS_FIELDS : CLASSIC_FIELDS;
  const fields = {} as FieldIndex;
  const missing: string[] = [];
  for (const [field, { names: options, optional }] of Object.entries(wanted) as [Field, Wanted][]) {
    const at = options.map((name) => lower.indexOf(name.toLowerCase())).find((i) => i >= 0) ?? -1;
    if (at < 0 && !optional) missing.push(options.join(" or "));
    fields[field] = at;
  }
  if (missing.length > 0) {
    const format = focus ? "FOCUS" : "classic cost details";
    throw new UserError(`${file}: not a ${format} export we read (missing ${[...new Set(missing)].join(", ")}); nothing imported`);
  }
  const read = new Set(Object.values(fields));
  return { format: focus ? "focus" : "classic", fields, ignoredColumns: names.filter((name, i) => name !== "" && !read.has(i)) };
}
