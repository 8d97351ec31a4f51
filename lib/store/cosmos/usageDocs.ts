import { BUCKET_COLUMNS, bucketOf } from "../../events/modelTimeBuckets";
import { docId } from "./cosmosOps";
import { dimensionsOf } from "../../events/eventTags";
import { type CallOutcome, isUsage, outcomeOf, usageUnknown } from "../../events/callOutcome";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";
import type { CallTier } from "../../pricing/callTier";
import { itemAt } from "../../core/arrays";

/** The `usage` container's partition key: one logical partition per app and UTC day. */
export const usagePartition = (appId: string, day: string) => `${appId}|${day}`;

/** A usage fact; `id` is a hash of the event's identity, so a redelivery is a 409. */
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

/** The fields a rollup is summed from: what the rollup query projects. */
export const ROLLUP_FIELDS = [
  "day",
  "hour",
  "appId",
  "deployment",
  "model",
  "region",
  "operation",
  "tokenKinds",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "reasoningTokens",
  "totalTokens",
  "modelTimeMs",
  ...TOKEN_DETAILS,
  "status",
  "errorCode",
  "tags",
  "endUser",
] as const;
export type RollupSource = Pick<EventDoc, (typeof ROLLUP_FIELDS)[number]>;

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
  id: string;
  pk: string;
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
export type OutcomeDoc = { id: string; pk: string; kind: "outcome"; day: string; appId: string; outcome: CallOutcome; requests: number; usageUnknown: number };

/** Hourly rollup per hour × app × deployment, with the model-time histogram. */
export type HourlyDoc = {
  id: string;
  pk: string;
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

const dailyId = (e: RollupSource) => docId("daily", e.day, e.appId, e.deployment, e.model, e.region, e.operation, e.tokenKinds);
const hourlyId = (e: RollupSource) => docId("hourly", e.hour, e.appId, e.deployment);

const dimensionId = (e: RollupSource, dimension: string, value: string) =>
  docId("dimension", e.day, e.appId, e.deployment, e.model, e.region, e.operation, e.tokenKinds, dimension, value);
const outcomeId = (e: RollupSource, outcome: CallOutcome) => docId("outcome", e.day, e.appId, outcome);

/** The ids of every rollup an event is summed into. */
export const rollupIdsOf = (e: RollupSource) => {
  const outcome = outcomeOf(e);
  if (!isUsage(e, outcome)) return [outcomeId(e, outcome)];
  return [dailyId(e), hourlyId(e), outcomeId(e, outcome), ...dimensionsOf(e).map(([d, v]) => dimensionId(e, d, v))];
};

/** Every daily and hourly rollup of one logical partition, summed from all of its events. */
export function summarise(pk: string, events: readonly RollupSource[]): (DailyDoc | HourlyDoc | DimensionDoc | OutcomeDoc)[] {
  const daily = new Map<string, DailyDoc>();
  const hourly = new Map<string, HourlyDoc>();
  const dimensions = new Map<string, DimensionDoc>();
  const outcomes = new Map<string, OutcomeDoc>();
  for (const e of events) {
    const outcome = outcomeOf(e);
    const oid = outcomeId(e, outcome);
    let o = outcomes.get(oid);
    if (!o) {
      o = { id: oid, pk, kind: "outcome", day: e.day, appId: e.appId, outcome, requests: 0, usageUnknown: 0 };
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
        dd = {
          id: did,
          pk,
          kind: "dimension",
          day: e.day,
          appId: e.appId,
          deployment: e.deployment,
          model: e.model,
          region: e.region,
          operation: e.operation,
          tokenKinds: e.tokenKinds,
          dimension,
          value,
          requests: 0,
          promptTokens: 0,
          cachedTokens: 0,
          completionTokens: 0,
          reasoningTokens: 0,
          totalTokens: 0,
          modelTimeMs: 0,
        };
        dimensions.set(did, dd);
      }
      addSums(dd, e);
    }
    const id = dailyId(e);
    let d = daily.get(id);
    if (!d) {
      d = {
        id,
        pk,
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
      };
      daily.set(id, d);
    }
    addSums(d, e);

    const hid = hourlyId(e);
    let h = hourly.get(hid);
    if (!h) {
      h = {
        id: hid,
        pk,
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
  return [...daily.values(), ...hourly.values(), ...dimensions.values(), ...outcomes.values()];
}

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
