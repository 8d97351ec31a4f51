import { stringify } from "csv-stringify/sync";
import { formatCents } from "../core/money";
import { monthLines } from "../statements/monthLines";
import { monthDays } from "../core/months";
import { includesUnit, type ReportScope } from "../reports/reportScope";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { CostedLine } from "../statements/statementLine";
import { safeText } from "../core/safeText";

/**
 * FinOps Open Cost and Usage Specification (FOCUS) 1.2 columns, then our own as x_ columns.
 * One row per statement line (app × model × cost center × month), so the export sums to the
 * chargeback report to the cent; corrections to closed months are ChargeClass "Correction" rows
 * whose charge period is the month they correct.
 */
export const FOCUS_COLUMNS = [
  "AvailabilityZone",
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingAccountType",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "CapacityReservationId",
  "CapacityReservationStatus",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "CommitmentDiscountCategory",
  "CommitmentDiscountId",
  "CommitmentDiscountName",
  "CommitmentDiscountQuantity",
  "CommitmentDiscountStatus",
  "CommitmentDiscountType",
  "CommitmentDiscountUnit",
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
  "ServiceSubcategory",
  "SkuId",
  "SkuMeter",
  "SkuPriceDetails",
  "SkuPriceId",
  "SubAccountId",
  "SubAccountName",
  "SubAccountType",
  "Tags",
  "x_BusinessUnit",
  "x_CostCenter",
  "x_AppId",
  "x_Model",
  "x_Requests",
  "x_PromptTokens",
  "x_CachedTokens",
  "x_CompletionTokens",
  "x_CorrectionReason",
  "x_SplitRule",
  // Tokens billed on meters of their own, each also named in SkuMeter with its meter and rate.
  "x_CacheWriteTokens",
  "x_AudioInputTokens",
  "x_AudioCachedTokens",
  "x_AudioOutputTokens",
  "x_ImageInputTokens",
  "x_ImageCachedTokens",
  "x_ImageOutputTokens",
  "x_PriorityTokens",
  "x_LongContextTokens",
] as const;

const iso = (day: string) => `${day}T00:00:00Z`;

function focusRow(month: string, currency: string, l: CostedLine): Record<(typeof FOCUS_COLUMNS)[number], string | number | null> {
  const billing = monthDays(month);
  const charge = monthDays(l.forMonth);
  const cost = formatCents(l.cents);
  const list = formatCents(l.listCents);
  const tags: Record<string, string> = { appId: l.appId };
  if (l.businessUnit) Object.assign(tags, { businessUnit: l.businessUnit, costCenter: l.costCenter });
  if (l.rule) tags.splitRule = l.rule;
  return {
    AvailabilityZone: null,
    BilledCost: cost,
    BillingAccountId: "chargeback",
    BillingAccountName: "Chargeback internal recharge",
    BillingAccountType: "Internal",
    BillingCurrency: currency,
    BillingPeriodEnd: iso(billing.to),
    BillingPeriodStart: iso(billing.from),
    CapacityReservationId: null,
    CapacityReservationStatus: null,
    // A markup is neither usage nor a purchase from Microsoft: FOCUS files it as an adjustment.
    ChargeCategory: l.kind === "trueup" || l.kind === "markup" ? "Adjustment" : "Usage",
    ChargeClass: l.kind === "adjustment" ? "Correction" : null,
    ChargeDescription: safeText(
      l.kind === "trueup" || l.kind === "markup"
        ? `${l.appName}: ${l.reason}`
        : `${l.model} tokens used by ${l.appName}${l.kind === "adjustment" ? ` (correction: ${l.reason})` : ""}`,
    ),
    ChargeFrequency: l.kind === "markup" && l.appId.startsWith("platform-fee:") ? "Recurring" : "Usage-Based",
    ChargePeriodEnd: iso(charge.to),
    ChargePeriodStart: iso(charge.from),
    CommitmentDiscountCategory: null,
    CommitmentDiscountId: null,
    CommitmentDiscountName: null,
    CommitmentDiscountQuantity: null,
    CommitmentDiscountStatus: null,
    CommitmentDiscountType: null,
    CommitmentDiscountUnit: null,
    // Negotiated discounts are contract terms: contracted and effective cost are after them.
    ConsumedQuantity: l.tokens.totalTokens,
    ConsumedUnit: "Tokens",
    ContractedCost: cost,
    ContractedUnitPrice: null,
    EffectiveCost: cost,
    InvoiceIssuerName: "Microsoft",
    ListCost: list,
    ListUnitPrice: null,
    PricingCategory: "Standard",
    PricingQuantity: l.tokens.totalTokens,
    PricingUnit: "Tokens",
    ProviderName: "Microsoft",
    PublisherName: "Microsoft",
    RegionId: null,
    RegionName: null,
    ResourceId: safeText(l.appId),
    ResourceName: safeText(l.appName),
    ResourceType: "Application",
    ServiceCategory: "AI and Machine Learning",
    ServiceName: "Azure OpenAI",
    ServiceSubcategory: "Generative AI",
    SkuId: safeText(l.model),
    SkuMeter: l.prices.join("; ") || null,
    SkuPriceDetails: null,
    SkuPriceId: null,
    SubAccountId: null,
    SubAccountName: null,
    SubAccountType: null,
    Tags: JSON.stringify(tags),
    x_BusinessUnit: l.businessUnit ? safeText(l.businessUnit) : null,
    x_CostCenter: l.costCenter ? safeText(l.costCenter) : null,
    x_AppId: safeText(l.appId),
    x_Model: safeText(l.model),
    x_Requests: l.tokens.requests,
    x_PromptTokens: l.tokens.promptTokens,
    x_CachedTokens: l.tokens.cachedTokens,
    x_CompletionTokens: l.tokens.completionTokens,
    x_CorrectionReason: l.reason || null,
    x_SplitRule: l.rule ? safeText(l.rule) : null,
    x_CacheWriteTokens: l.tokens.billed?.cacheWriteTokens ?? 0,
    x_AudioInputTokens: l.tokens.billed?.audioInputTokens ?? 0,
    x_AudioCachedTokens: l.tokens.billed?.audioCachedTokens ?? 0,
    x_AudioOutputTokens: l.tokens.billed?.audioOutputTokens ?? 0,
    x_ImageInputTokens: l.tokens.billed?.imageInputTokens ?? 0,
    x_ImageCachedTokens: l.tokens.billed?.imageCachedTokens ?? 0,
    x_ImageOutputTokens: l.tokens.billed?.imageOutputTokens ?? 0,
    x_PriorityTokens: l.tokens.billed?.priorityTokens ?? 0,
    x_LongContextTokens: l.tokens.billed?.longContextTokens ?? 0,
  };
}

export const focusHeader = () => stringify([FOCUS_COLUMNS as unknown as string[]]);

/** One month's FOCUS rows, limited to the lines the scope may see (unmapped apps only for all units). */
export async function focusRows(reader: LedgerReader, month: string, scope: ReportScope): Promise<string> {
  const { lines, currency } = await monthLines(reader, month);
  const visible = lines.filter(
    (l) =>
      (l.businessUnit === "" ? scope.units === "all" : includesUnit(scope, l.businessUnit)) &&
      (l.cents !== 0n || l.listCents !== 0n || l.tokens.totalTokens !== 0),
  );
  return stringify(visible.map((l) => FOCUS_COLUMNS.map((c) => focusRow(month, currency, l)[c])));
}
