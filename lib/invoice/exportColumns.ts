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
  | "currency";
export type FieldIndex = Record<Field, number>;

// The columns of Microsoft's FOCUS cost and usage export, as Microsoft Learn lists them in "FOCUS
// cost and usage details file schema" (learn.microsoft.com/azure/cost-management-billing/dataset-schema/cost-usage-details-focus):
// version 1.0 (also 1.0r2, which only writes seconds in its dates) and 1.2-preview, which adds the
// nine marked. Other columns there start with "x_", the prefix FOCUS reserves for providers' own
// columns (Microsoft adds some in each version), so any "x_" column is taken too.
const FOCUS_COLUMNS = new Set([
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingAccountType",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "CommitmentDiscountCategory",
  "CommitmentDiscountId",
  "CommitmentDiscountName",
  "CommitmentDiscountStatus",
  "CommitmentDiscountType",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ContractedCost",
  "ContractedUnitPrice",
  "EffectiveCost",
  "InvoiceIssuerName",
  "ListCost",
  "ListUnitPrice",
  "PricingCategory",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "RegionId",
  "RegionName",
  "ResourceId",
  "ResourceName",
  "ResourceType",
  "ServiceCategory",
  "ServiceName",
  "SkuId",
  "SkuPriceId",
  "SubAccountId",
  "SubAccountName",
  "SubAccountType",
  "Tags",
  // 1.2-preview
  "CapacityReservationId",
  "CapacityReservationStatus",
  "CommitmentDiscountQuantity",
  "CommitmentDiscountUnit",
  "InvoiceId",
  "PricingCurrency",
  "ServiceSubcategory",
  "SkuMeter",
  "SkuPriceDetails",
]);
const FOCUS_FIELDS: Record<Field, string | string[]> = {
  day: "ChargePeriodStart",
  chargeCategory: "ChargeCategory",
  billed: "BilledCost",
  effective: "EffectiveCost",
  quantity: "ConsumedQuantity",
  unit: "ConsumedUnit",
  pricingQuantity: "PricingQuantity",
  pricingUnit: "PricingUnit",
  resourceId: "ResourceId",
  region: "RegionId",
  // 1.2-preview renames x_SkuMeterName to SkuMeter and keeps the old column, deprecated, beside it.
  meterName: ["x_SkuMeterName", "SkuMeter"],
  currency: "BillingCurrency",
};

// The columns of the classic cost and usage details export, actual or amortized (the same
// columns), as Microsoft Learn lists them under dataset-schema/ (learn.microsoft.com/azure/cost-management-billing/dataset-schema/…):
// - "Enterprise Agreement cost and usage details file schema" (cost-usage-details-ea): versions
//   2021-10-01 and 2023-12-01-preview (the same 55 columns in another order) and 2024-08-01 (two more);
// - "Microsoft Customer Agreement cost and usage details file schema" (cost-usage-details-mca):
//   versions 2021-10-01 and 2023-12-01-preview (the same 65 columns);
// - "Microsoft Partner Agreement (MPA) cost and usage details file schema" (cost-usage-details-mca-partner):
//   version 2023-12-01-preview, the MCA columns but costAllocationRuleName, and six partner ones.
// EA files capitalise the names (MeterName), MCA files mostly not (meterName): compared in lower case.
const EA_COLUMNS = [
  "InvoiceSectionName",
  "AccountName",
  "AccountOwnerId",
  "SubscriptionId",
  "SubscriptionName",
  "ResourceGroup",
  "ResourceLocation",
  "Date",
  "ProductName",
  "MeterCategory",
  "MeterSubCategory",
  "MeterId",
  "MeterName",
  "MeterRegion",
  "UnitOfMeasure",
  "Quantity",
  "EffectivePrice",
  "CostInBillingCurrency",
  "CostCenter",
  "ConsumedService",
  "ResourceId",
  "Tags",
  "OfferId",
  "AdditionalInfo",
  "ServiceInfo1",
  "ServiceInfo2",
  "ResourceName",
  "ReservationId",
  "ReservationName",
  "UnitPrice",
  "ProductOrderId",
  "ProductOrderName",
  "Term",
  "PublisherType",
  "PublisherName",
  "ChargeType",
  "Frequency",
  "PricingModel",
  "AvailabilityZone",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrencyCode",
  "BillingPeriodStartDate",
  "BillingPeriodEndDate",
  "BillingProfileId",
  "BillingProfileName",
  "InvoiceSectionId",
  "IsAzureCreditEligible",
  "PartNumber",
  "PayGPrice",
  "PlanName",
  "ServiceFamily",
  "CostAllocationRuleName",
  "benefitId",
  "benefitName",
  // 2024-08-01
  "AccountId",
  "ResourceLocationNormalized",
];
const MCA_COLUMNS = [
  "invoiceId",
  "previousInvoiceId",
  "billingAccountId",
  "billingAccountName",
  "billingProfileId",
  "billingProfileName",
  "invoiceSectionId",
  "invoiceSectionName",
  "resellerName",
  "resellerMpnId",
  "costCenter",
  "billingPeriodEndDate",
  "billingPeriodStartDate",
  "servicePeriodEndDate",
  "servicePeriodStartDate",
  "date",
  "serviceFamily",
  "productOrderId",
  "productOrderName",
  "consumedService",
  "meterId",
  "meterName",
  "meterCategory",
  "meterSubCategory",
  "meterRegion",
  "ProductId",
  "ProductName",
  "SubscriptionId",
  "subscriptionName",
  "publisherType",
  "publisherId",
  "publisherName",
  "resourceGroupName",
  "ResourceId",
  "resourceLocation",
  "location",
  "effectivePrice",
  "quantity",
  "unitOfMeasure",
  "chargeType",
  "billingCurrency",
  "pricingCurrency",
  "costInBillingCurrency",
  "costInPricingCurrency",
  "costInUsd",
  "paygCostInBillingCurrency",
  "paygCostInUsd",
  "exchangeRatePricingToBilling",
  "exchangeRateDate",
  "isAzureCreditEligible",
  "serviceInfo1",
  "serviceInfo2",
  "additionalInfo",
  "tags",
  "PayGPrice",
  "frequency",
  "term",
  "reservationId",
  "reservationName",
  "pricingModel",
  "unitPrice",
  "costAllocationRuleName",
  "benefitId",
  "benefitName",
  "provider",
];
const MPA_COLUMNS = ["partnerTenantId", "partnerName", "customerTenantId", "customerName", "partnerEarnedCreditRate", "partnerEarnedCreditApplied"];
const CLASSIC_COLUMNS = new Set([...EA_COLUMNS, ...MCA_COLUMNS, ...MPA_COLUMNS].map((c) => c.toLowerCase()));
const CLASSIC_FIELDS: Record<Field, string | string[]> = {
  day: "date",
  chargeCategory: "chargeType",
  billed: "costInBillingCurrency",
  effective: "costInBillingCurrency",
  quantity: "quantity",
  unit: "unitOfMeasure",
  pricingQuantity: "quantity",
  pricingUnit: "unitOfMeasure",
  resourceId: "resourceId",
  region: "resourceLocation",
  meterName: "meterName",
  // EA files name it BillingCurrencyCode, MCA and MPA files billingCurrency.
  currency: ["billingCurrency", "billingCurrencyCode"],
};

/**
 * Which export a header is, and where each field is: FOCUS when it has ChargePeriodStart, else
 * the classic cost details. A header missing a column we read, or with one its format does not
 * have, is refused whole (a wrong file, or a format version we have not checked).
 */
export function readHeader(header: string[], file: string): { format: InvoiceFormat; fields: FieldIndex } {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  if (names.includes("ChargePeriodStart")) {
    const unknown = names.filter((n) => !FOCUS_COLUMNS.has(n) && !n.startsWith("x_"));
    const fields = locate(FOCUS_FIELDS, (name) => names.indexOf(name));
    refuse(file, "FOCUS", fields.missing, unknown);
    return { format: "focus", fields: fields.index };
  }
  const lower = names.map((n) => n.toLowerCase());
  const unknown = names.filter((n) => !CLASSIC_COLUMNS.has(n.toLowerCase()));
  const fields = locate(CLASSIC_FIELDS, (name) => lower.indexOf(name.toLowerCase()));
  refuse(file, "classic cost details", fields.missing, unknown);
  return { format: "classic", fields: fields.index };
}

function locate(wanted: Record<Field, string | string[]>, find: (name: string) => number) {
  const index = {} as FieldIndex;
  const missing: string[] = [];
  for (const [field, names] of Object.entries(wanted) as [Field, string | string[]][]) {
    const options = Array.isArray(names) ? names : [names];
    const at = options.map(find).find((i) => i >= 0);
    if (at === undefined) missing.push(options.join(" or "));
    else index[field] = at;
  }
  return { index, missing: [...new Set(missing)] };
}

function refuse(file: string, format: string, missing: string[], unknown: string[]): void {
  const problems = [...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []), ...(unknown.length > 0 ? [`unknown ${unknown.join(", ")}`] : [])];
  if (problems.length > 0) throw new UserError(`${file}: not a ${format} export we read (${problems.join("; ")}); nothing imported`);
}
