/**
 * What the FOCUS export declares about its provider, and the rules of the FOCUS 1.2 model it is
 * not checked against, with why: the rule test asserts the runner skips exactly these.
 *
 * Declared: Azure names billing accounts, reserves capacity (PTU) and has commitment discounts,
 * negotiated and published prices, unit prices and measured usage, regions, tags, billing on
 * provisioned resources and resource types. Not declared: availability zones (Azure OpenAI
 * deployments are regional or global, never zonal), sub accounts (a row is an app recharged to a
 * business unit, not a subscription), several billing account or sub account types or pricing
 * categories (one of each), and pricing in another currency than billing or in a virtual one.
 */
export const FOCUS_APPLICABILITY = [
  "ACCOUNT_NAMING_SUPPORTED",
  "BILLING_BASED_ON_PROVISIONED_RESOURCES_SUPPORTED",
  "CAPACITY_RESERVATION_SUPPORTED",
  "COMMITMENT_DISCOUNT_SUPPORTED",
  "NEGOTIATED_PRICING_SUPPORTED",
  "PUBLIC_PRICE_LIST_SUPPORTED",
  "REGION_SUPPORTED",
  "RESOURCE_TYPE_ASSIGNMENT_SUPPORTED",
  "TAGGING_SUPPORTED",
  "UNIT_PRICING_SUPPORTED",
  "USAGE_MEASUREMENT_SUPPORTED",
];

/** Rules skipped, by reason: the ids, whitespace-separated. */
const SKIPPED_BY_REASON: Record<string, string> = {
  "dynamic: the model encodes no check for it": `
    AvailabilityZone-C-003-C BilledCost-C-006-M BilledCost-C-007-M BillingAccountId-C-004-M BillingAccountId-C-005-O
    BillingAccountType-C-006-M BillingCurrency-C-005-M BillingPeriodEnd-C-004-M BillingPeriodStart-C-004-M CapacityReservationId-C-004-C
    CapacityReservationId-C-006-C CapacityReservationId-C-008-M CapacityReservationId-C-009-O CapacityReservationStatus-C-007-C CapacityReservationStatus-C-008-C
    ChargeClass-C-003-C ChargeClass-C-004-C ChargeDescription-C-004-O ChargePeriodEnd-C-004-M ChargePeriodStart-C-004-M
    ColumnHandling-A-001-M ColumnHandling-A-002-M ColumnHandling-A-003-M ColumnHandling-A-004-O ColumnHandling-A-005-O
    ColumnHandling-A-006-M ColumnHandling-A-007-O ColumnHandling-A-008-M ColumnHandling-A-010-M ColumnHandling-A-011-O
    ColumnHandling-A-012-O ColumnHandling-A-013-O ColumnHandling-A-014-O CommitmentDiscountId-C-004-C CommitmentDiscountId-C-005-C
    CommitmentDiscountId-C-007-M CommitmentDiscountId-C-008-C CommitmentDiscountName-C-006-C CommitmentDiscountName-C-007-C CommitmentDiscountQuantity-C-009-M
    CommitmentDiscountQuantity-C-011-C CommitmentDiscountQuantity-C-012-C CommitmentDiscountQuantity-C-014-C CommitmentDiscountQuantity-C-015-C CommitmentDiscountUnit-C-008-M
    CommitmentDiscountUnit-C-009-M CommitmentDiscountUnit-C-010-C ConsumedQuantity-C-008-C ContractedCost-C-005-M ContractedCost-C-007-C
    ContractedCost-C-008-C ContractedCost-C-009-C ContractedCost-C-010-C ContractedUnitPrice-C-007-O ContractedUnitPrice-C-010-C
    ContractedUnitPrice-C-012-C CurrencyFormat-A-001-C CurrencyFormat-A-002-C DateTimeFormat-A-001-M DateTimeFormat-A-002-M
    DateTimeFormat-A-004-M DateTimeFormat-A-005-M DateTimeFormat-A-006-M DiscountHandling-A-001-C DiscountHandling-A-003-C
    DiscountHandling-A-004-C DiscountHandling-A-006-C DiscountHandling-A-007-C DiscountHandling-A-009-C DiscountHandling-A-010-C
    DiscountHandling-A-011-C DiscountHandling-A-012-C DiscountHandling-A-013-C DiscountHandling-A-014-C DiscountHandling-A-015-C
    DiscountHandling-A-016-C DiscountHandling-A-017-C DiscountHandling-A-018-C DiscountHandling-A-019-C DiscountHandling-A-020-C
    EffectiveCost-C-006-M EffectiveCost-C-007-O EffectiveCost-C-009-C EffectiveCost-C-010-C EffectiveCost-C-012-C
    EffectiveCost-C-013-C InvoiceId-C-006-O InvoiceId-C-007-C KeyValueFormat-A-001-M KeyValueFormat-A-002-M
    KeyValueFormat-A-003-M KeyValueFormat-A-004-M ListCost-C-005-M ListCost-C-007-C ListCost-C-008-C
    ListCost-C-010-C ListUnitPrice-C-009-M ListUnitPrice-C-011-C NullHandling-A-001-C NullHandling-A-002-M
    NumericFormat-A-001-O NumericFormat-A-002-M NumericFormat-A-003-M NumericFormat-A-004-M NumericFormat-A-005-M
    NumericFormat-A-006-M NumericFormat-A-007-M NumericFormat-A-008-M NumericFormat-A-009-M NumericFormat-A-010-M
    NumericFormat-A-011-M NumericFormat-A-012-M NumericFormat-A-013-O PricingCategory-C-005-O PricingCategory-C-008-C
    PricingCategory-C-009-C PricingCategory-C-010-C PricingCategory-C-011-C PricingCurrencyContractedUnitPrice-C-004-C PricingCurrencyContractedUnitPrice-C-005-C
    PricingCurrencyContractedUnitPrice-C-006-O PricingCurrencyContractedUnitPrice-C-008-C PricingCurrencyContractedUnitPrice-C-009-C PricingCurrencyContractedUnitPrice-C-010-C PricingCurrencyEffectiveCost-C-005-M
    PricingCurrencyEffectiveCost-C-006-M PricingCurrencyListUnitPrice-C-006-O PricingCurrencyListUnitPrice-C-009-M PricingCurrencyListUnitPrice-C-010-C PricingQuantity-C-006-O
    PricingQuantity-C-009-C PricingQuantity-C-010-C PricingUnit-C-008-M PricingUnit-C-009-C RegionId-C-004-C
    RegionId-C-005-C ResourceId-C-004-C ResourceId-C-005-C ResourceId-C-007-M ResourceId-C-008-O
    ResourceName-C-004-C ResourceName-C-005-C ResourceName-C-006-C ServiceName-C-006-C ServiceName-C-009-C
    SkuId-C-006-O SkuId-C-008-M SkuId-C-009-M SkuId-C-010-M SkuId-C-011-C
    SkuId-C-012-O SkuMeter-C-006-O SkuPriceDetails-C-002-O SkuPriceDetails-C-007-M SkuPriceDetails-C-008-M
    SkuPriceDetails-C-009-C SkuPriceDetails-C-010-C SkuPriceDetails-C-011-O SkuPriceDetails-C-013-O SkuPriceDetails-C-014-O
    SkuPriceDetails-C-015-O SkuPriceDetails-C-016-O SkuPriceDetails-C-017-C SkuPriceDetails-C-018-C SkuPriceDetails-C-020-M
    SkuPriceDetails-C-021-M SkuPriceDetails-C-022-C SkuPriceId-C-006-O SkuPriceId-C-009-M SkuPriceId-C-010-M
    SkuPriceId-C-012-C SkuPriceId-C-013-M SkuPriceId-C-014-C SkuPriceId-C-015-C StringHandling-A-001-M
    StringHandling-A-002-O StringHandling-A-003-M StringHandling-A-004-M StringHandling-A-005-M StringHandling-A-006-M
    StringHandling-A-007-M StringHandling-A-008-C SubAccountId-C-004-C SubAccountId-C-005-C SubAccountType-C-006-M
    Tags-C-004-M Tags-C-005-M Tags-C-006-M Tags-C-007-O Tags-C-008-M
    Tags-C-009-M Tags-C-010-C Tags-C-012-M Tags-C-013-M Tags-C-015-C
    Tags-C-016-C Tags-C-017-M UnitFormat-A-001-M UnitFormat-A-002-O UnitFormat-A-003-M
    UnitFormat-A-004-C
  `,
  "every rule it consists of is skipped": `
    CapacityReservationId-C-007-C ChargeClass-C-002-C ColumnHandling-A-000-M ColumnHandling-A-009-M CommitmentDiscountId-C-003-C
    CommitmentDiscountId-C-006-C CommitmentDiscountName-C-005-C CommitmentDiscountQuantity-C-008-C CommitmentDiscountQuantity-C-010-C CommitmentDiscountQuantity-C-013-C
    CommitmentDiscountUnit-C-007-C ContractedCost-C-006-C CostAndUsage-D-046-C CostAndUsage-D-050-C CostAndUsage-D-054-C
    CurrencyFormat-A-000-C DateTimeFormat-A-000-M DateTimeFormat-A-003-M DiscountHandling-A-000-C DiscountHandling-A-002-C
    DiscountHandling-A-005-C DiscountHandling-A-008-C EffectiveCost-C-008-C EffectiveCost-C-011-C KeyValueFormat-A-000-M
    ListCost-C-006-C NullHandling-A-000-M NumericFormat-A-000-M PricingUnit-C-007-C RegionId-C-003-C
    ResourceId-C-003-C ResourceId-C-006-C ResourceName-C-003-C SkuId-C-007-M SkuPriceDetails-C-006-C
    SkuPriceDetails-C-012-O SkuPriceDetails-C-019-M StringHandling-A-000-M Tags-C-003-C Tags-C-011-M
    Tags-C-014-M UnitFormat-A-000-M
  `,
  "not applicable: PRICING_BILLING_CURRENCY_DIFFERENCES_SUPPORTED": `
    CostAndUsage-D-045-C CostAndUsage-D-048-C CostAndUsage-D-052-C CostAndUsage-D-056-C PricingCurrency-C-000-C
    PricingCurrency-C-001-M PricingCurrency-C-002-M PricingCurrency-C-003-M PricingCurrency-C-004-M PricingCurrencyContractedUnitPrice-C-000-C
    PricingCurrencyContractedUnitPrice-C-001-M PricingCurrencyContractedUnitPrice-C-002-M PricingCurrencyContractedUnitPrice-C-003-M PricingCurrencyContractedUnitPrice-C-007-C PricingCurrencyEffectiveCost-C-000-C
    PricingCurrencyEffectiveCost-C-001-M PricingCurrencyEffectiveCost-C-002-M PricingCurrencyEffectiveCost-C-003-M PricingCurrencyEffectiveCost-C-004-M PricingCurrencyListUnitPrice-C-000-C
    PricingCurrencyListUnitPrice-C-001-M PricingCurrencyListUnitPrice-C-002-M PricingCurrencyListUnitPrice-C-003-M PricingCurrencyListUnitPrice-C-004-C PricingCurrencyListUnitPrice-C-005-C
    PricingCurrencyListUnitPrice-C-007-C PricingCurrencyListUnitPrice-C-008-M
  `,
  "not applicable: SUB_ACCOUNT_SUPPORTED": `
    CostAndUsage-D-019-C CostAndUsage-D-029-C SubAccountId-C-000-C SubAccountId-C-001-M SubAccountId-C-002-M
    SubAccountId-C-003-C SubAccountName-C-000-C SubAccountName-C-001-M SubAccountName-C-002-M SubAccountName-C-003-C
    SubAccountName-C-004-C SubAccountName-C-005-C
  `,
  "optional (MAY)": `
    CommitmentDiscountQuantity-C-006-C ConsumedQuantity-C-007-C CostAndUsage-D-049-C CostAndUsage-D-053-C CostAndUsage-D-057-C
    ListUnitPrice-C-006-O SkuPriceDetails-C-005-C SkuPriceId-C-011-O Tags-C-002-O
  `,
  "not applicable: MULTIPLE_BILLING_ACCOUNT_TYPES_SUPPORTED": `
    BillingAccountType-C-000-C BillingAccountType-C-001-M BillingAccountType-C-002-M BillingAccountType-C-003-C BillingAccountType-C-004-C
    BillingAccountType-C-005-C CostAndUsage-D-007-C
  `,
  "not applicable: MULTIPLE_SUB_ACCOUNT_TYPES_SUPPORTED": `
    CostAndUsage-D-067-C SubAccountType-C-000-C SubAccountType-C-001-M SubAccountType-C-002-M SubAccountType-C-003-C
    SubAccountType-C-004-C SubAccountType-C-005-C
  `,
  "not applicable: AVAILABILITY_ZONE_SUPPORTED": `
    AvailabilityZone-C-000-C AvailabilityZone-C-001-M AvailabilityZone-C-002-M CostAndUsage-D-003-C
  `,
  "not applicable: VIRTUAL_CURRENCY_SUPPORTED": `
    CostAndUsage-D-047-C CostAndUsage-D-051-C CostAndUsage-D-055-C
  `,
  "not applicable: MULTIPLE_PRICING_CATEGORIES_SUPPORTED": `
    CostAndUsage-D-022-C
  `,
};

export const FOCUS_SKIPPED: Record<string, string> = Object.fromEntries(
  Object.entries(SKIPPED_BY_REASON).flatMap(([reason, ids]) =>
    ids
      .trim()
      .split(/\s+/)
      .map((id) => [id, reason]),
  ),
);

/** Alternatives of an OR rule another alternative satisfies: InvoiceId is null on every row (no charge is on an invoice). */
export const FOCUS_NOT_TAKEN = ["InvoiceId-C-005-C"];
