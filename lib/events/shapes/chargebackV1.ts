import { z } from "zod";
import { EventTime, NumericTokenCount, PlainText, RequiredText, textOrNull } from "../fields";
import type { UsageEvent } from "../usageEvent";
import { addDimensions } from "../eventTags";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { CALL_TIERS, callTierOf } from "../../pricing/callTier";

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
const details = Object.fromEntries(TOKEN_DETAILS.map((d) => [d, NumericTokenCount.optional()])) as Record<
  (typeof TOKEN_DETAILS)[number],
  z.ZodOptional<typeof NumericTokenCount>
>;

export const CHARGEBACK_V1 = "chargeback/v1";

/** Our own versioned shape, emitted by deploy/apim/chargeback-policy.xml; numbers are JSON numbers. */
export const ChargebackV1Event = z
  .object({
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
  })
  .transform((e): UsageEvent => {
    const event: UsageEvent = {
      shape: CHARGEBACK_V1,
      requestId: e.requestId,
      time: e.time,
      appId: e.appId,
      deployment: textOrNull(e.deployment) ?? "",
      model: textOrNull(e.model) ?? "",
      operation: textOrNull(e.operation) ?? "",
      region: textOrNull(e.region) ?? "",
      promptTokens: e.promptTokens ?? 0,
      cachedTokens: e.cachedTokens ?? 0,
      completionTokens: e.completionTokens ?? 0,
      reasoningTokens: e.reasoningTokens ?? 0,
      totalTokens: e.totalTokens ?? (e.promptTokens ?? 0) + (e.completionTokens ?? 0),
      modelTimeMs: e.modelTimeMs ?? null,
      status: e.status ?? null,
      streamed: e.streamed ?? null,
      subscriptionId: textOrNull(e.subscriptionId),
      product: textOrNull(e.product),
    };
    // Optional fields only when present (most events carry none of them, and old events keep
    // their meaning), set in place: this runs for every event, and spreads of small objects and
    // arrays built for them were a good part of the reading thread's garbage.
    for (const detail of TOKEN_DETAILS) {
      const count = e[detail];
      if (count !== undefined && count > 0) event[detail] = count;
    }
    if (e.serviceTier) event.serviceTier = e.serviceTier;
    const errorCode = textOrNull(e.errorCode);
    if (errorCode !== null) event.errorCode = errorCode.toLowerCase();
    return addDimensions(event, e.tags, e.endUser);
  });

export const isChargebackV1Event = (o: Record<string, unknown>) => "schema" in o;
