import type { CallTier } from "../../pricing/callTier";
import { CONTENT_FIELDS, type CountedVersion } from "../../events/eventConflict";
import { BUCKET_COLUMNS } from "../../events/modelTimeBuckets";
import { tiersOfKinds } from "../../pricing/tokenKinds";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";
import { USAGE_SUMS } from "../rollupFields";
import { formatCents, parseCents } from "../../core/money";
import type {
  AuditEntry as AuditEntryRow,
  DirectoryEntry as DirectoryEntryRow,
  BusinessUnitOwner as BusinessUnitOwnerRow,
  ClosedMonth as ClosedMonthRow,
  IngestKey as IngestKeyRow,
  MonthLog as MonthLogRow,
  StatementLine as StatementLineRow,
  Deployment as DeploymentRow,
  OrgMapping as OrgMappingRow,
  RetailPrice,
} from "@prisma/client";
import type { IngestKey } from "../../intake/ingestKey";
import type { DailyOutcome, DimensionUsage, HourlyAppUsage, IngestWarning } from "../port";
import type { CallOutcome } from "../../events/callOutcome";
import type { Reservation } from "../../pricing/reservation";
import type { SplitRule } from "../../allocation/splitRule";
import type { AuditEntry } from "../../audit/auditEntry";
import type { DirectoryEntry } from "../../identity/directoryEntry";
import { type ClosedMonth, type CostedLine, type MonthLogEntry, readParts, storeParts } from "../../statements/statementLine";
import type { BusinessUnitOwner } from "../../org/businessUnitOwner";
import type { OrgMapping } from "../../org/orgMapping";
import type { Deployment } from "../../pricing/deployment";
import type { RetailPriceItem } from "../../pricing/retailPrice";
import type { DailyUsage, QuarantinedEvent, QuarantineStatus, RawEncoding } from "../port";

export const toRetailPriceItem = (r: RetailPrice): RetailPriceItem => ({
  meterId: r.meterId,
  meterName: r.meterName,
  productName: r.productName,
  skuName: r.skuName,
  serviceName: r.serviceName,
  armRegionName: r.armRegionName,
  unitOfMeasure: r.unitOfMeasure,
  retailPrice: r.retailPrice,
  effectiveStartDate: r.effectiveStartDate,
  currencyCode: r.currencyCode,
  type: r.type,
  tierMinimumUnits: r.tierMinimumUnits,
});

export const toDeployment = (r: DeploymentRow): Deployment => ({
  name: r.name,
  model: r.model,
  region: r.region,
  sku: r.sku as Deployment["sku"],
});

export const toOrgMapping = (r: OrgMappingRow): OrgMapping => ({ ...r });

type RawRow = Record<string, unknown>;

/** The columns of a stored usage fact that say which version of its identity was counted. */
export const COUNTED_COLUMNS = [...CONTENT_FIELDS, "source", "receivedAt"] as const;
export type CountedRow = Record<(typeof COUNTED_COLUMNS)[number], unknown>;

export const toCountedVersion = (r: CountedRow): CountedVersion => ({
  source: r.source as string,
  receivedAt: Number(r.receivedAt),
  content: {
    time: Number(r.time),
    appId: r.appId as string,
    deployment: r.deployment as string,
    model: r.model as string,
    operation: r.operation as string,
    region: r.region as string,
    promptTokens: Number(r.promptTokens),
    cachedTokens: Number(r.cachedTokens),
    completionTokens: Number(r.completionTokens),
    reasoningTokens: Number(r.reasoningTokens),
    totalTokens: Number(r.totalTokens),
    modelTimeMs: r.modelTimeMs === null ? null : Number(r.modelTimeMs),
    status: r.status === null ? null : Number(r.status),
    streamed: r.streamed === null ? null : r.streamed === 1,
    subscriptionId: r.subscriptionId as string | null,
    product: r.product as string | null,
    tags: r.tags === null ? undefined : (JSON.parse(r.tags as string) as Record<string, string>),
    endUser: (r.endUser as string | null) ?? undefined,
    errorCode: (r.errorCode as string | null) ?? undefined,
    ...(Object.fromEntries(TOKEN_DETAILS.map((d) => [d, Number(r[d])])) as Record<TokenDetail, number>),
    serviceTier: (r.serviceTier as CallTier | null) ?? undefined,
  },
});

export const DAILY_USAGE_COLUMNS = ["day", "appId", "deployment", "model", "region", "operation", "tokenKinds", ...USAGE_SUMS, ...TOKEN_DETAILS] as const;

/** A DailyUsage row read as an array in DAILY_USAGE_COLUMNS order. */
// Most of a rollup's counts are zero (token details, reasoning, cached): one shared 0n instead of a
// bigint each, a fifth of a row's memory (a month at 5,000 apps reads ~350k rows, ~9 zeros each).
const ZERO = 0n;
const count = (v: unknown): bigint => (v === ZERO ? ZERO : (v as bigint));

/** The one copy of a name kept in `names` (a reader's pool of the names its rows repeat), the name itself without one. */
function pooled(names: Map<string, string> | undefined, value: unknown): string {
  const name = value as string;
  if (!names) return name;
  const known = names.get(name);
  if (known !== undefined) return known;
  names.set(name, name);
  return name;
}

export const toDailyUsage = (r: unknown[], names?: Map<string, string>): DailyUsage => ({
  day: pooled(names, r[0]),
  appId: pooled(names, r[1]),
  deployment: pooled(names, r[2]),
  model: pooled(names, r[3]),
  region: pooled(names, r[4]),
  operation: pooled(names, r[5]),
  tokenKinds: Number(r[6]),
  ...tiersOfKinds(Number(r[6])),
  ...(Object.fromEntries(TOKEN_DETAILS.map((d, i) => [d, count(r[14 + i])])) as Record<TokenDetail, bigint>),
  requests: count(r[7]),
  promptTokens: count(r[8]),
  cachedTokens: count(r[9]),
  completionTokens: count(r[10]),
  reasoningTokens: count(r[11]),
  totalTokens: count(r[12]),
  modelTimeMs: count(r[13]),
});

export const toQuarantinedEvent = (r: RawRow): QuarantinedEvent => ({
  id: r.id as string,
  receivedAt: Number(r.receivedAt),
  source: r.source as string,
  reason: r.reason as string,
  raw: r.raw as string,
  encoding: r.encoding as RawEncoding,
  status: r.status as QuarantineStatus,
});

export const toBusinessUnitOwner = (r: BusinessUnitOwnerRow): BusinessUnitOwner => ({
  businessUnit: r.businessUnit,
  principalType: r.principalType === "group" ? "group" : "user",
  principalId: r.principalId,
  displayName: r.displayName,
});

export const toIngestKey = (r: IngestKeyRow): IngestKey => ({
  id: r.id,
  source: r.source,
  secretHash: r.secretHash,
  createdAt: Number(r.createdAt),
  revokedAt: r.revokedAt === null ? null : Number(r.revokedAt),
});

export const toClosedMonth = (r: ClosedMonthRow): ClosedMonth => ({
  month: r.month,
  closedAt: Number(r.closedAt),
  closedBy: r.closedBy,
  currency: r.currency,
  unpriced: JSON.parse(r.unpriced),
});

export const toCostedLine = (r: StatementLineRow): CostedLine => ({
  kind: r.kind === "adjustment" || r.kind === "trueup" || r.kind === "markup" ? r.kind : "usage",
  forMonth: r.forMonth,
  businessUnit: r.businessUnit,
  costCenter: r.costCenter,
  appId: r.appId,
  appName: r.appName,
  model: r.model,
  reason: r.reason,
  tokens: {
    requests: Number(r.requests),
    promptTokens: Number(r.promptTokens),
    cachedTokens: Number(r.cachedTokens),
    completionTokens: Number(r.completionTokens),
    totalTokens: Number(r.totalTokens),
    ...(r.billed === "" ? {} : { billed: JSON.parse(r.billed) }),
  },
  atto: BigInt(r.atto),
  cents: parseCents(r.cost),
  // Statements frozen before discounts existed were at list prices.
  listAtto: BigInt(r.listAtto || r.atto),
  listCents: parseCents(r.listCost || r.cost),
  prices: r.prices === "" ? [] : r.prices.split("; "),
  rule: r.rule,
  ...(r.parts === "" ? {} : { parts: readParts(r.parts) }),
});

export const fromCostedLine = (month: string, l: CostedLine): StatementLineRow => ({
  month,
  kind: l.kind,
  forMonth: l.forMonth,
  businessUnit: l.businessUnit,
  costCenter: l.costCenter,
  appId: l.appId,
  appName: l.appName,
  model: l.model,
  reason: l.reason,
  requests: BigInt(l.tokens.requests),
  promptTokens: BigInt(l.tokens.promptTokens),
  cachedTokens: BigInt(l.tokens.cachedTokens),
  completionTokens: BigInt(l.tokens.completionTokens),
  totalTokens: BigInt(l.tokens.totalTokens),
  atto: l.atto.toString(),
  cost: formatCents(l.cents),
  listAtto: l.listAtto.toString(),
  listCost: formatCents(l.listCents),
  prices: l.prices.join("; "),
  rule: l.rule,
  billed: l.tokens.billed && Object.keys(l.tokens.billed).length > 0 ? JSON.stringify(l.tokens.billed) : "",
  parts: storeParts(l.parts),
});

export const toSplitRule = (r: { definition: string }): SplitRule => JSON.parse(r.definition) as SplitRule;
export const fromSplitRule = (r: SplitRule) => ({ id: r.id, validFrom: r.validFrom, validTo: r.validTo, definition: JSON.stringify(r) });

export const toMonthLogEntry = (r: MonthLogRow): MonthLogEntry => ({
  month: r.month,
  action: r.action === "reopen" ? "reopen" : "close",
  by: r.by,
  at: Number(r.at),
  reason: r.reason,
});

export const toHourlyAppUsage = (r: Record<string, number | string>): HourlyAppUsage => ({
  hour: String(r.hour),
  appId: String(r.appId),
  deployment: String(r.deployment),
  requests: Number(r.requests),
  promptTokens: Number(r.promptTokens),
  cachedTokens: Number(r.cachedTokens),
  completionTokens: Number(r.completionTokens),
  totalTokens: Number(r.totalTokens),
  timedRequests: Number(r.timedRequests),
  modelTimeMs: Number(r.modelTimeMs),
  buckets: BUCKET_COLUMNS.map((c) => Number(r[c])),
});

export const toAuditEntry = (r: AuditEntryRow): AuditEntry => ({
  at: Number(r.at),
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  before: JSON.parse(r.before),
  after: JSON.parse(r.after),
  reason: r.reason,
});

export const toDirectoryEntry = (r: DirectoryEntryRow): DirectoryEntry =>
  r.status === "found"
    ? {
        appId: r.appId,
        status: "found",
        displayName: r.displayName ?? r.appId,
        servicePrincipalType: r.servicePrincipalType ?? "Application",
        appOwnerOrganizationId: r.appOwnerOrganizationId,
        owners: JSON.parse(r.owners),
        syncedAt: Number(r.syncedAt),
      }
    : { appId: r.appId, status: "unknown", syncedAt: Number(r.syncedAt) };

export const fromDirectoryEntry = (e: DirectoryEntry): DirectoryEntryRow =>
  e.status === "found"
    ? {
        appId: e.appId,
        status: e.status,
        displayName: e.displayName,
        servicePrincipalType: e.servicePrincipalType,
        appOwnerOrganizationId: e.appOwnerOrganizationId,
        owners: JSON.stringify(e.owners),
        syncedAt: BigInt(e.syncedAt),
      }
    : {
        appId: e.appId,
        status: e.status,
        displayName: null,
        servicePrincipalType: null,
        appOwnerOrganizationId: null,
        owners: "[]",
        syncedAt: BigInt(e.syncedAt),
      };

export const toReservation = (r: {
  deployment: string;
  validFrom: string;
  validTo: string | null;
  units: number;
  price: string;
  per: string;
  currency: string;
  idle: string;
  outputWeight: number;
}): Reservation => ({
  deployment: r.deployment,
  units: r.units,
  price: r.price,
  per: r.per === "month" ? "month" : "hour",
  currency: r.currency,
  idle: r.idle === "separate" ? "separate" : "share",
  outputWeight: r.outputWeight,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

/** A DailyDimensionUsage row: DAILY_USAGE_COLUMNS, then dimension and value. */
export function toDimensionUsage(r: unknown[], names?: Map<string, string>): DimensionUsage {
  // Added to the daily row, not spread into a new one: a spread clone then extended gets a hidden
  // class of its own per row (chargedRow), ~600 B more per row of a month's tag rollups.
  const row = toDailyUsage(r, names) as DimensionUsage;
  row.dimension = pooled(names, r[DAILY_USAGE_COLUMNS.length]);
  row.value = pooled(names, r[DAILY_USAGE_COLUMNS.length + 1]);
  return row;
}

export const toDailyOutcome = (r: Record<string, string | number>): DailyOutcome => ({
  day: r.day as string,
  appId: r.appId as string,
  outcome: r.outcome as CallOutcome,
  requests: Number(r.requests),
  usageUnknown: Number(r.usageUnknown),
});

export const toIngestWarning = (r: Record<string, string | number>): IngestWarning => ({
  source: r.source as string,
  reason: r.reason as string,
  count: Number(r.count),
  firstAt: Number(r.firstAt),
  lastAt: Number(r.lastAt),
  lastEventId: r.lastEventId as string,
});
