import { z } from "zod";
import { EventTime, eventTimeIn, isNumericTokenCount, isPlainText, NumericTokenCount, PlainText, RequiredText, requiredTextIn, textOrNull } from "../fields";
import type { UsageEvent } from "../usageEvent";
import { addDimensions } from "../eventTags";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { CALL_TIERS, type CallTier, callTierOf } from "../../pricing/callTier";

const ServiceTier = z
  .string({ error: "must be a string" })
  .nullish()
  .transform((v, ctx) => {
    const text = textOrNull(v);
    if (text === null) return undefined;
    const tier = callTierOf(text);
    if (tier === null)
      ctx.addIssue({ code: "custom", message: `is not a service tier we know (${JSON.stringify(text)}; ${["default", ...CALL_TIERS].join(", ")})` });
    return tier ?? undefined;
  });
/** `ServiceTier` without zod: the tier, undefined for none, null for what it refuses. */
function serviceTierIn(v: unknown): CallTier | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return null;
  const text = textOrNull(v);
  return text === null ? undefined : callTierOf(text);
}
const details = Object.fromEntries(TOKEN_DETAILS.map((d) => [d, NumericTokenCount.optional()])) as Record<
  (typeof TOKEN_DETAILS)[number],
  z.ZodOptional<typeof NumericTokenCount>
>;

export const CHARGEBACK_V1 = "chargeback/v1";

const V1Fields = z.object({
  schema: z.literal(CHARGEBACK_V1),
  requestId: RequiredText,
  time: EventTime,
  appId: RequiredText,
  deployment: PlainText,
  model: PlainText,
  operation: PlainText,
  region: PlainText,
  // Absent when the gateway saw no usage (a throttled call, a stream cut off): see callOutcome.ts.
  promptTokens: NumericTokenCount.optional(),
  cachedTokens: NumericTokenCount.optional(),
  completionTokens: NumericTokenCount.optional(),
  reasoningTokens: NumericTokenCount.optional(),
  totalTokens: NumericTokenCount.optional(),
  // What Azure bills apart (cache writes, audio, image): parts of the totals, checked in parseEventLine.
  ...details,
  serviceTier: ServiceTier,
  modelTimeMs: NumericTokenCount.nullish(),
  status: z.int().nullish(),
  streamed: z.boolean().nullish(),
  subscriptionId: PlainText,
  product: PlainText,
  // Checked in the transform, not here: a bad tag is dropped with a warning, never the event.
  tags: z.unknown().optional(),
  endUser: z.unknown().optional(),
  errorCode: PlainText,
});
type V1Fields = z.output<typeof V1Fields>;
// The fields the schema changes (trims, reads); every other field is the value as it came.
type Read = "requestId" | "time" | "appId" | "serviceTier";

/** Our own versioned shape, emitted by deploy/apim/chargeback-policy.xml; numbers are JSON numbers. */
export const ChargebackV1Event = V1Fields.transform((e) => v1Event(e, e.requestId, e.time, e.appId, e.serviceTier));

// Read once: the CLI runs as CommonJS (tsx), where each use of an imported name calls a getter,
// and these run a few times for every event.
const plainText = isPlainText;
const numericTokenCount = isNumericTokenCount;
const textOrNone = textOrNull;

const PLAIN_TEXT = ["deployment", "model", "operation", "region", "subscriptionId", "product", "errorCode"] as const;
const COUNTS = ["promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", ...TOKEN_DETAILS] as const;

/**
 * What `ChargebackV1Event` makes of an object it accepts, without zod, from the object as it came;
 * undefined for any object the schema might refuse, for the schema to word what is wrong.
 */
export function readChargebackV1(o: Record<string, unknown>): UsageEvent | undefined {
  if (o.schema !== CHARGEBACK_V1) return undefined;
  const requestId = requiredTextIn(o.requestId);
  const time = eventTimeIn(o.time);
  const appId = requiredTextIn(o.appId);
  const serviceTier = serviceTierIn(o.serviceTier);
  if (requestId === null || time === null || appId === null || serviceTier === null) return undefined;
  for (const field of PLAIN_TEXT) if (!plainText(o[field])) return undefined;
  for (const field of COUNTS) if (o[field] !== undefined && !numericTokenCount(o[field])) return undefined;
  const { modelTimeMs, status, streamed } = o;
  if (modelTimeMs !== undefined && modelTimeMs !== null && !numericTokenCount(modelTimeMs)) return undefined;
  if (status !== undefined && status !== null && !Number.isSafeInteger(status)) return undefined;
  if (streamed !== undefined && streamed !== null && typeof streamed !== "boolean") return undefined;
  return v1Event(o as Omit<V1Fields, Read>, requestId, time, appId, serviceTier);
}

function v1Event(e: Omit<V1Fields, Read>, requestId: string, time: number, appId: string, serviceTier: CallTier | undefined): UsageEvent {
  const event: UsageEvent = {
    shape: CHARGEBACK_V1,
    requestId,
    time,
    appId,
    deployment: textOrNone(e.deployment) ?? "",
    model: textOrNone(e.model) ?? "",
    operation: textOrNone(e.operation) ?? "",
    region: textOrNone(e.region) ?? "",
    promptTokens: e.promptTokens ?? 0,
    cachedTokens: e.cachedTokens ?? 0,
    completionTokens: e.completionTokens ?? 0,
    reasoningTokens: e.reasoningTokens ?? 0,
    totalTokens: e.totalTokens ?? (e.promptTokens ?? 0) + (e.completionTokens ?? 0),
    modelTimeMs: e.modelTimeMs ?? null,
    status: e.status ?? null,
    streamed: e.streamed ?? null,
    subscriptionId: textOrNone(e.subscriptionId),
    product: textOrNone(e.product),
  };
  // Optional fields only when present (most events carry none of them, and old events keep
  // their meaning), set in place: this runs for every event, and spreads of small objects and
  // arrays built for them were a good part of the reading thread's garbage.
  for (const detail of TOKEN_DETAILS) {
    const count = e[detail];
    if (count !== undefined && count > 0) event[detail] = count;
  }
  if (serviceTier) event.serviceTier = serviceTier;
  const errorCode = textOrNone(e.errorCode);
  if (errorCode !== null) event.errorCode = errorCode.toLowerCase();
  return addDimensions(event, e.tags, e.endUser);
}

export const isChargebackV1Event = (o: Record<string, unknown>) => "schema" in o;
