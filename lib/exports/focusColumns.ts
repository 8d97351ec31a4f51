/** The data types FOCUS metadata names a column's values by (ColumnDefinition DataType). */
export type FocusDataType = "STRING" | "DECIMAL" | "DATETIME" | "JSON";

const S = "STRING";
const D = "DECIMAL";
const T = "DATETIME";

/**
 * FinOps Open Cost and Usage Specification (FOCUS) 1.2 columns with their data types, then our own
 * as x_ columns, in the order the export writes them. The metadata describes the same list.
 */
export const FOCUS_COLUMN_TYPES = {
  AvailabilityZone: S,
  BilledCost: D,
  BillingAccountId: S,
  BillingAccountName: S,
  BillingAccountType: S,
  BillingCurrency: S,
  BillingPeriodEnd: T,
  BillingPeriodStart: T,
  CapacityReservationId: S,
  CapacityReservationStatus: S,
  ChargeCategory: S,
  ChargeClass: S,
  ChargeDescription: S,
  ChargeFrequency: S,
  ChargePeriodEnd: T,
  ChargePeriodStart: T,
  CommitmentDiscountCategory: S,
  CommitmentDiscountId: S,
  CommitmentDiscountName: S,
  CommitmentDiscountQuantity: D,
  CommitmentDiscountStatus: S,
  CommitmentDiscountType: S,
  CommitmentDiscountUnit: S,
  ConsumedQuantity: D,
  ConsumedUnit: S,
  ContractedCost: D,
  ContractedUnitPrice: D,
  EffectiveCost: D,
  InvoiceId: S,
  InvoiceIssuerName: S,
  ListCost: D,
  ListUnitPrice: D,
  PricingCategory: S,
  PricingQuantity: D,
  PricingUnit: S,
  ProviderName: S,
  PublisherName: S,
  RegionId: S,
  RegionName: S,
  ResourceId: S,
  ResourceName: S,
  ResourceType: S,
  ServiceCategory: S,
  ServiceName: S,
  ServiceSubcategory: S,
  SkuId: S,
  SkuMeter: S,
  SkuPriceDetails: "JSON",
  SkuPriceId: S,
  SubAccountId: S,
  SubAccountName: S,
  SubAccountType: S,
  Tags: "JSON",
  x_BusinessUnit: S,
  x_CostCenter: S,
  x_AppId: S,
  x_Model: S,
  x_Requests: D,
  x_PromptTokens: D,
  x_CachedTokens: D,
  x_CompletionTokens: D,
  x_CorrectionReason: S,
  x_SplitRule: S,
  // The prices the line was charged at, as statements cite them ("<meter> at <price> per token from <day>").
  x_Prices: S,
  // Tokens billed on meters of their own, each also named in SkuMeter.
  x_CacheWriteTokens: D,
  x_AudioInputTokens: D,
  x_AudioCachedTokens: D,
  x_AudioOutputTokens: D,
  x_ImageInputTokens: D,
  x_ImageCachedTokens: D,
  x_ImageOutputTokens: D,
  x_PriorityTokens: D,
  x_LongContextTokens: D,
} as const satisfies Record<string, FocusDataType>;

export type FocusColumn = keyof typeof FOCUS_COLUMN_TYPES;
export const FOCUS_COLUMNS = Object.keys(FOCUS_COLUMN_TYPES) as FocusColumn[];

/** The prefix of our own columns and tag keys, as FOCUS asks of custom columns and provider-defined tags. */
export const CUSTOM_PREFIX = "x_";
