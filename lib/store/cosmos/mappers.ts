import { utcHour } from "../../events/modelTimeBuckets";
import { tiersOfKinds, tokenKindsOf } from "../../pricing/tokenKinds";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";
import { utcDay } from "../../events/parseEventTime";
import type { DailyOutcome, DailyUsage, DimensionUsage, HourlyAppUsage, IncomingEvent } from "../port";
import { docId } from "./cosmosOps";
import { type DailyDoc, type DimensionDoc, type EventDoc, type HourlyDoc, type OutcomeDoc, usagePartition } from "./usageDocs";

/** Conversions between the port's records and the `usage` container's documents. */
export function toEventDoc({ id, source, event: e }: IncomingEvent, receivedAt: number): EventDoc {
  const day = utcDay(e.time);
  return {
    id: docId(id),
    pk: usagePartition(e.appId, day),
    kind: "event",
    eventId: id,
    time: e.time,
    day,
    hour: utcHour(e.time, day),
    appId: e.appId,
    deployment: e.deployment,
    model: e.model,
    region: e.region,
    operation: e.operation,
    tokenKinds: tokenKindsOf(e),
    promptTokens: e.promptTokens,
    cachedTokens: e.cachedTokens,
    completionTokens: e.completionTokens,
    reasoningTokens: e.reasoningTokens,
    totalTokens: e.totalTokens,
    modelTimeMs: e.modelTimeMs,
    status: e.status,
    streamed: e.streamed,
    subscriptionId: e.subscriptionId,
    product: e.product,
    shape: e.shape,
    source,
    receivedAt,
    ...(e.tags ? { tags: e.tags } : {}),
    ...(e.endUser !== undefined ? { endUser: e.endUser } : {}),
    ...(e.errorCode !== undefined ? { errorCode: e.errorCode } : {}),
    ...(e.warnings ? { warnings: e.warnings } : {}),
    ...Object.fromEntries(TOKEN_DETAILS.filter((d) => (e[d] ?? 0) > 0).map((d) => [d, e[d]])),
    ...(e.serviceTier ? { serviceTier: e.serviceTier } : {}),
  };
}

/** Sums of the details (absent on documents written before they were kept: 0). */
const detailsOf = (d: Partial<Record<TokenDetail, number>>) =>
  Object.fromEntries(TOKEN_DETAILS.map((k) => [k, BigInt(d[k] ?? 0)])) as Record<TokenDetail, bigint>;

export const toDailyUsage = (d: DailyDoc): DailyUsage => ({
  day: d.day,
  appId: d.appId,
  deployment: d.deployment,
  model: d.model,
  region: d.region,
  operation: d.operation,
  tokenKinds: d.tokenKinds,
  ...tiersOfKinds(d.tokenKinds),
  ...detailsOf(d),
  requests: BigInt(d.requests),
  promptTokens: BigInt(d.promptTokens),
  cachedTokens: BigInt(d.cachedTokens),
  completionTokens: BigInt(d.completionTokens),
  reasoningTokens: BigInt(d.reasoningTokens),
  totalTokens: BigInt(d.totalTokens),
  modelTimeMs: BigInt(d.modelTimeMs),
});

export const toDimensionUsage = (d: DimensionDoc): DimensionUsage => ({ ...toDailyUsage(d as unknown as DailyDoc), dimension: d.dimension, value: d.value });

export const toDailyOutcome = (d: OutcomeDoc): DailyOutcome => ({
  day: d.day,
  appId: d.appId,
  outcome: d.outcome,
  requests: d.requests,
  usageUnknown: d.usageUnknown,
});

/** Hourly rows in the port's shape: hour × app × deployment. */
export const toHourlyUsage = (h: HourlyDoc): HourlyAppUsage => ({
  hour: h.hour,
  appId: h.appId,
  deployment: h.deployment,
  requests: h.requests,
  promptTokens: h.promptTokens,
  cachedTokens: h.cachedTokens,
  completionTokens: h.completionTokens,
  totalTokens: h.totalTokens,
  timedRequests: h.timedRequests,
  modelTimeMs: h.modelTimeMs,
  buckets: [...h.buckets],
});
