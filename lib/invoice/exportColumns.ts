import { UserError } from "../errors";
import type { InvoiceFormat } from "./invoiceLine";

/** What an import reads of a row, whichever format it comes in. */
export type Field = "day" | "chargeCategory" | "billed" | "effective" | "quantity" | "unit" | "pricingQuantity" | "pricingUnit" | "resourceId" | "region" | "meterName" | "currency";
export type FieldIndex = Record<Field, number>;

// FOCUS 1.0, 1.1 and 1.2 columns (focus.finops.org; Microsoft's FocusCost 1.0, 1.0r2 and
// 1.2-preview datasets). Providers' own columns must start with "x_" (FOCUS 1.0, section 2.1),
// so any other column name is not FOCUS.
const FOCUS_COLUMNS = new Set([
  "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingAccountType", "BillingCurrency",
  "BillingPeriodEnd", "BillingPeriodStart", "CapacityReservationId", "CapacityReservationStatus", "ChargeCategory",
  "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
  "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountQuantity",
  "CommitmentDiscountStatus", "CommitmentDiscountType", "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit",
  "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ListCost", "ListUnitPrice",
  "PricingCategory", "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
  "PricingCurrencyListUnitPrice", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId",
  "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory",
  "SkuId", "SkuMeter", "SkuPriceDetails", "SkuPriceId", "SubAccountId", "SubAccountName", "SubAccountType", "Tags",
]);
const FOCUS_FIELDS: Record<Field, string> = {
  day: "ChargePeriodStart", chargeCategory: "ChargeCategory", billed: "BilledCost", effective: "EffectiveCost",
  quantity: "ConsumedQuantity", unit: "ConsumedUnit", pricingQuantity: "PricingQuantity", pricingUnit: "PricingUnit",
  resourceId: "ResourceId", region: "RegionId", meterName: "x_SkuMeterName", currency: "BillingCurrency",
};

// The classic actual and amortized cost details (EA and MCA, versions 2021-10-01 and
// 2023-12-01-preview of learn.microsoft.com/azure/cost-management-billing/dataset-schema).
// EA files capitalise the same names (Date, MeterName), so they are compared in lower case.
const CLASSIC_COLUMNS = new Set(
  [
    "invoiceId", "previousInvoiceId", "billingAccountId", "billingAccountName", "billingProfileId", "billingProfileName",
    "invoiceSectionId", "invoiceSectionName", "resellerName", "resellerMpnId", "costCenter", "billingPeriodEndDate",
    "billingPeriodStartDate", "servicePeriodEndDate", "servicePeriodStartDate", "date", "serviceFamily", "productOrderId",
    "productOrderName", "consumedService", "meterId", "meterName", "meterCategory", "meterSubCategory", "meterRegion",
    "productId", "product", "productName", "subscriptionId", "subscriptionName", "publisherType", "publisherId",
    "publisherName", "resourceGroupName", "resourceGroup", "resourceId", "resourceName", "resourceLocation", "location",
    "effectivePrice", "quantity", "unitOfMeasure", "chargeType", "billingCurrency", "billingCurrencyCode", "pricingCurrency",
    "pricingCurrencyCode", "costInBillingCurrency", "costInPricingCurrency", "costInUsd", "paygCostInBillingCurrency",
    "paygCostInUsd", "exchangeRatePricingToBilling", "exchangeRateDate", "isAzureCreditEligible", "serviceInfo1",
    "serviceInfo2", "additionalInfo", "tags", "payGPrice", "frequency", "term", "reservationId", "reservationName",
    "pricingModel", "unitPrice", "marketPrice", "benefitId", "benefitName", "provider", "accountName", "accountOwnerId",
    "accountId", "billingPeriod", "costAllocationRuleName", "departmentName", "offerId", "partNumber", "planName", "cost",
    "partnerTenantId", "partnerName", "customerTenantId", "customerName", "partnerEarnedCreditRate",
    "partnerEarnedCreditApplied", "resellerMpnId", "roundingAdjustment", "costInBillingCurrencyAfterRounding",
  ].map((c) => c.toLowerCase()),
);
const CLASSIC_FIELDS: Record<Field, string | string[]> = {
  day: "date", chargeCategory: "chargeType", billed: "costInBillingCurrency", effective: "costInBillingCurrency",
  quantity: "quantity", unit: "unitOfMeasure", pricingQuantity: "quantity", pricingUnit: "unitOfMeasure",
  resourceId: "resourceId", region: "resourceLocation", meterName: "meterName", currency: ["billingCurrency", "billingCurrencyCode"],
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
  const problems = [
    ...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []),
    ...(unknown.length > 0 ? [`unknown ${unknown.join(", ")}`] : []),
  ];
  if (problems.length > 0) throw new UserError(`${file}: not a ${format} export we read (${problems.join("; ")}); nothing imported`);
}
