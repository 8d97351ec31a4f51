import { stringify } from "csv-stringify/sync";
import { now as clockNow, dayOf } from "../core/clock";
import { formatCents } from "../core/money";
import { monthDays, nextDay } from "../core/months";
import { safeText } from "../core/safeText";
import type { LedgerReader } from "../ledger/ledgerReader";
import { includesUnit, type ReportScope } from "../reports/reportScope";
import { isMarkupLine } from "../statements/markup";
import { monthLines } from "../statements/monthLines";
import type { CostedLine } from "../statements/statementLine";
import { AZURE_REGION_NAMES } from "./azureRegionNames";
import { CUSTOM_PREFIX, FOCUS_COLUMNS } from "./focusColumns";
import { type ExportLine, exportLines } from "./focusLineParts";
import { capacityPricing, correctionPricing, type FocusCells, usagePricing } from "./focusPricing";
import { modelRegions } from "./modelRegions";

export { FOCUS_COLUMNS } from "./focusColumns";

/**
 * One FOCUS 1.2 row per statement line (app × model × cost center × month), so BilledCost and
 * EffectiveCost, the statement's cents, sum to the chargeback report to the cent; corrections to
 * closed months are ChargeClass "Correction" rows whose charge period is the month they correct.
 * docs/focus.md says how each column is filled.
 */
type Context = { month: string; currency: string; regions: Map<string, string | null>; now: number };

const iso = (day: string) => `${day}T00:00:00Z`;

/** The exclusive end of a month's charges: its end, or for the month under way the end of today (usage so far). */
function chargePeriodEnd(month: string, now: number): string {
  const { from, to } = monthDays(month);
  const soFar = nextDay(dayOf(now));
  return iso(soFar < to ? (soFar > from ? soFar : nextDay(from)) : to);
}

/** A markup, a fee and a true-up are neither usage nor a purchase: FOCUS files them (and corrections to them) as adjustments. */
const isAdjustment = (l: CostedLine) => l.kind === "trueup" || l.kind === "markup" || (l.kind === "adjustment" && isMarkupLine(l.appId));

// An adjustment has no SKU, price or quantity: FOCUS wants those null on it.
const adjustmentPricing = (l: CostedLine): FocusCells => ({ ListCost: formatCents(l.listCents), ContractedCost: formatCents(l.cents) });

/** The row's pricing columns by what it is: an adjustment, a correction, provisioned capacity or tokens. */
function pricingOf(l: ExportLine): FocusCells {
  if (isAdjustment(l)) return adjustmentPricing(l);
  if (l.kind === "adjustment") return correctionPricing(l);
  return capacityPricing(l) ?? usagePricing(l);
}

function focusRow(ctx: Context, l: ExportLine): FocusCells {
  const billing = monthDays(ctx.month);
  const cost = formatCents(l.cents);
  const adjustment = isAdjustment(l);
  // A part names its deployment's region; a line kept whole, the model's one region if it has one.
  const region = adjustment ? null : l.part?.region || (ctx.regions.get(l.model) ?? null);
  const tags: Record<string, string> = { [`${CUSTOM_PREFIX}AppId`]: l.appId };
  if (l.businessUnit) Object.assign(tags, { [`${CUSTOM_PREFIX}BusinessUnit`]: l.businessUnit, [`${CUSTOM_PREFIX}CostCenter`]: l.costCenter });
  if (l.rule) tags[`${CUSTOM_PREFIX}SplitRule`] = l.rule;
  return {
    BilledCost: cost,
    BillingAccountId: "chargeback",
    BillingAccountName: "Chargeback internal recharge",
    BillingAccountType: "Internal",
    BillingCurrency: ctx.currency,
    BillingPeriodEnd: iso(billing.to),
    BillingPeriodStart: iso(billing.from),
    ChargeCategory: adjustment ? "Adjustment" : "Usage",
    ChargeClass: l.kind === "adjustment" ? "Correction" : null,
    ChargeDescription: safeText(
      adjustment
        ? `${l.appName}: ${l.reason}`
        : l.part?.reservation
          ? `${l.model} provisioned capacity (${l.part.reservation}) carried by ${l.appName}`
          : `${l.model} tokens used by ${l.appName}${l.kind === "adjustment" ? ` (correction: ${l.reason})` : ""}`,
    ),
    ChargeFrequency: l.kind === "markup" && l.appId.startsWith("platform-fee:") ? "Recurring" : "Usage-Based",
    ChargePeriodEnd: chargePeriodEnd(l.forMonth, ctx.now),
    ChargePeriodStart: iso(monthDays(l.forMonth).from),
    EffectiveCost: cost,
    InvoiceIssuerName: "Microsoft",
    ProviderName: "Microsoft",
    PublisherName: "Microsoft",
    RegionId: region,
    RegionName: region ? (AZURE_REGION_NAMES[region] ?? region) : null,
    ResourceId: safeText(l.appId),
    ResourceName: safeText(l.appName),
    ResourceType: "Application",
    ServiceCategory: "AI and Machine Learning",
    ServiceName: "Azure OpenAI",
    ServiceSubcategory: "Generative AI",
    Tags: JSON.stringify(tags),
    ...pricingOf(l),
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
    x_Prices: l.prices.join("; ") || null,
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

export const focusHeader = () => stringify([FOCUS_COLUMNS]);

/**
 * One month's FOCUS rows, limited to the lines the scope may see (unmapped apps only for all
 * units). Usage no price covers is left out: it costs nothing and has no price FOCUS could cite
 * (the reports list it as unpriced).
 */
export async function focusRows(reader: LedgerReader, month: string, scope: ReportScope): Promise<string> {
  const [{ lines, currency }, catalog] = await Promise.all([monthLines(reader, month), reader.catalog()]);
  const ctx: Context = { month, currency, regions: modelRegions(catalog), now: clockNow() };
  const visible = lines.filter(
    (l) =>
      (l.businessUnit === "" ? scope.units === "all" : includesUnit(scope, l.businessUnit)) &&
      (l.cents !== 0n || l.listCents !== 0n || l.tokens.totalTokens !== 0) &&
      !(l.kind === "usage" && l.prices.length === 0),
  );
  return stringify(
    visible.flatMap(exportLines).map((l) => {
      const row = focusRow(ctx, l);
      return FOCUS_COLUMNS.map((c) => row[c] ?? null);
    }),
  );
}
