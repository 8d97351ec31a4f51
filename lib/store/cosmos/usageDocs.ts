import { BUCKET_COLUMNS, bucketOf } from "../../events/modelTimeBuckets";
import { docId } from "./cosmosOps";
import { dimensionsOf } from "../../events/eventTags";
import { type CallOutcome, isUsage, outcomeOf, usageUnknown } from "../../events/callOutcome";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";
import type { CallTier } from "../../pricing/callTier";
import { itemAt } from "../../core/arrays";

/** The `usage` container's partition key: one logical partition per app and UTC day. */
export const usagePartition = (appId: string, day: string) => `${appId}|${day}`;

/** A usage fact's fields, as rollups are summed from them (the fact itself is stored as its identity's claim, eventClaims.ts). */
export type EventDoc = {
  id: string;
  pk: string;
  kind: "event";
  eventId: string;
  time: number;
  day: string;
  hour: string;
  appId: string;
  deployment: string;
  model: string;
  region: string;
  operation: string;
  tokenKinds: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  modelTimeMs: number | null;
  status: number | null;
  streamed: boolean | null;
  subscriptionId: string | null;
  product: string | null;
  shape: string;
  source: string;
  receivedAt: number;
  // Only on events that carry them: most carry none.
  tags?: Record<string, string>;
  endUser?: string;
  errorCode?: string;
  warnings?: string[];
  serviceTier?: CallTier;
} & Partial<Record<TokenDetail, number>>;

/** The fields a rollup is summed from. */
export type RollupSource = Pick<
  EventDoc,
  | "day"
  | "hour"
  | "appId"
  | "deployment"
  | "model"
  | "region"
  | "operation"
  | "tokenKinds"
  | "promptTokens"
  | "cachedTokens"
  | "completionTokens"
  | "reasoningTokens"
  | "totalTokens"
  | "modelTimeMs"
  | TokenDetail
  | "status"
  | "errorCode"
  | "tags"
  | "endUser"
>;

type Sums = {
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  modelTimeMs: number;
} & Partial<Record<TokenDetail, number>>;
/** Daily rollup: sums kept as JSON numbers (token counts, exact far beyond any day's total). */
export type DailyDoc = {
  kind: "daily";
  day: string;
  appId: string;
  deployment: string;
  model: string;
  region: string;
  operation: string;
  tokenKinds: number;
} & Sums;
/** Daily rollup of the events with one tag or end user, per value. */
export type DimensionDoc = Omit<DailyDoc, "kind"> & { kind: "dimension"; dimension: string; value: string };
/** Calls per day, app and outcome (the partition is app × day already). */
export type OutcomeDoc = { kind: "outcome"; day: string; appId: string; outcome: CallOutcome; requests: number; usageUnknown: number };

/** Hourly rollup per hour × app × deployment, with the model-time histogram. */
export type HourlyDoc = {
  kind: "hourly";
  day: string;
  hour: string;
  appId: string;
  deployment: string;
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  totalTokens: number;
  timedRequests: number;
  modelTimeMs: number;
  buckets: number[];
};

// Keys are unique within one app-day's sheet only: 96 bits of the key's hash are plenty, and short keys keep the sheet small.
const rowKey = (...parts: readonly (string | number)[]) => docId(...parts).slice(0, 16);
export const dailyId = (e: Pick<RollupSource, "day" | "appId" | "deployment" | "model" | "region" | "operation" | "tokenKinds">) =>
  rowKey("daily", e.day, e.appId, e.deployment, e.model, e.region, e.operation, e.tokenKinds);
/** An hourly row's key in its sheet; a day folded by `compactHourlyUsage` is keyed by its day as `hour`. */
export const hourlyKey = (hour: string, appId: string, deployment: string) => rowKey("hourly", hour, appId, deployment);
const hourlyId = (e: RollupSource) => hourlyKey(e.hour, e.appId, e.deployment);

export const dimensionId = (
  e: Pick<RollupSource, "day" | "appId" | "deployment" | "model" | "region" | "operation" | "tokenKinds">,
  dimension: string,
  value: string,
) => rowKey("dimension", e.day, e.appId, e.deployment, e.model, e.region, e.operation, e.tokenKinds, dimension, value);
const outcomeId = (e: RollupSource, outcome: CallOutcome) => rowKey("outcome", e.day, e.appId, outcome);

/** A partition's rollups, each kind keyed by a hash of its key (rollupSheet.ts keeps them in one document). */
export type RollupRows = {
  daily: Record<string, DailyDoc>;
  hourly: Record<string, HourlyDoc>;
  dimensions: Record<string, DimensionDoc>;
  outcomes: Record<string, OutcomeDoc>;
};

/** The rollups of these events (one logical partition's), summed per key. */
export function summarise(events: readonly RollupSource[]): RollupRows {
  const daily = new Map<string, DailyDoc>();
  const hourly = new Map<string, HourlyDoc>();
  const dimensions = new Map<string, DimensionDoc>();
  const outcomes = new Map<string, OutcomeDoc>();
  for (const e of events) {
    const outcome = outcomeOf(e);
    const oid = outcomeId(e, outcome);
    let o = outcomes.get(oid);
    if (!o) {
      o = { kind: "outcome", day: e.day, appId: e.appId, outcome, requests: 0, usageUnknown: 0 };
      outcomes.set(oid, o);
    }
    o.requests += 1;
    if (!isUsage(e, outcome)) {
      if (usageUnknown(e, outcome)) o.usageUnknown += 1;
      continue;
    }
    for (const [dimension, value] of dimensionsOf(e)) {
      const did = dimensionId(e, dimension, value);
      let dd = dimensions.get(did);
      if (!dd) {
        dd = { ...emptyDaily(e), kind: "dimension", dimension, value };
        dimensions.set(did, dd);
      }
      addSums(dd, e);
    }
    const id = dailyId(e);
    let d = daily.get(id);
    if (!d) {
      d = emptyDaily(e);
      daily.set(id, d);
    }
    addSums(d, e);

    const hid = hourlyId(e);
    let h = hourly.get(hid);
    if (!h) {
      h = {
        kind: "hourly",
        day: e.day,
        hour: e.hour,
        appId: e.appId,
        deployment: e.deployment,
        requests: 0,
        promptTokens: 0,
        cachedTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        timedRequests: 0,
        modelTimeMs: 0,
        buckets: BUCKET_COLUMNS.map(() => 0),
      };
      hourly.set(hid, h);
    }
    h.requests += 1;
    h.promptTokens += e.promptTokens;
    h.cachedTokens += e.cachedTokens;
    h.completionTokens += e.completionTokens;
    h.totalTokens += e.totalTokens;
    if (e.modelTimeMs !== null) {
      h.timedRequests += 1;
      h.modelTimeMs += e.modelTimeMs;
      const bucket = bucketOf(e.modelTimeMs);
      h.buckets[bucket] = itemAt(h.buckets, bucket) + 1; // a count per bucket, and one past the last bound
    }
  }
  return {
    daily: Object.fromEntries(daily),
    hourly: Object.fromEntries(hourly),
    dimensions: Object.fromEntries(dimensions),
    outcomes: Object.fromEntries(outcomes),
  };
}

/** A daily row of the event's key with nothing summed yet; a dimension row is the same under its value. */
const emptyDaily = (e: RollupSource): DailyDoc => ({
  kind: "daily",
  day: e.day,
  appId: e.appId,
  deployment: e.deployment,
  model: e.model,
  region: e.region,
  operation: e.operation,
  tokenKinds: e.tokenKinds,
  requests: 0,
  promptTokens: 0,
  cachedTokens: 0,
  completionTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  modelTimeMs: 0,
});

function addSums(d: Sums, e: RollupSource): void {
  d.requests += 1;
  // Documents written before the details were kept read as 0.
  for (const k of TOKEN_DETAILS) d[k] = (d[k] ?? 0) + (e[k] ?? 0);
  d.promptTokens += e.promptTokens;
  d.cachedTokens += e.cachedTokens;
  d.completionTokens += e.completionTokens;
  d.reasoningTokens += e.reasoningTokens;
  d.totalTokens += e.totalTokens;
  d.modelTimeMs += e.modelTimeMs ?? 0;
}
