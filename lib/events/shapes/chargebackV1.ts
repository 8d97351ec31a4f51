import { z } from "zod";
import { EventTime, OptionalMilliseconds, OptionalText, OptionalTokenCount, RequiredText, TokenCount } from "../fields";
import type { UsageEvent } from "../usageEvent";

export const CHARGEBACK_V1 = "chargeback/v1";

/** Our own versioned shape, emitted by deploy/apim/chargeback-policy.xml. */
export const ChargebackV1Event = z
  .object({
    schema: z.literal(CHARGEBACK_V1),
    requestId: RequiredText,
    time: EventTime,
    appId: RequiredText,
    deployment: OptionalText,
    model: OptionalText,
    operation: OptionalText,
    region: OptionalText,
    promptTokens: TokenCount,
    cachedTokens: OptionalTokenCount,
    completionTokens: OptionalTokenCount,
    reasoningTokens: OptionalTokenCount,
    totalTokens: OptionalTokenCount,
    modelTimeMs: OptionalMilliseconds,
    status: z.number().int().nullish(),
    streamed: z.boolean().nullish(),
    subscriptionId: OptionalText,
    product: OptionalText,
  })
  .transform(
    (e): UsageEvent => ({
      shape: CHARGEBACK_V1,
      requestId: e.requestId,
      time: e.time,
      appId: e.appId,
      deployment: e.deployment ?? "",
      model: e.model ?? "",
      operation: e.operation ?? "",
      region: e.region ?? "",
      promptTokens: e.promptTokens,
      cachedTokens: e.cachedTokens ?? 0,
      completionTokens: e.completionTokens ?? 0,
      reasoningTokens: e.reasoningTokens ?? 0,
      totalTokens: e.totalTokens ?? e.promptTokens + (e.completionTokens ?? 0),
      modelTimeMs: e.modelTimeMs ?? null,
      status: e.status ?? null,
      streamed: e.streamed ?? null,
      subscriptionId: e.subscriptionId,
      product: e.product,
    }),
  );

export const isChargebackV1Event = (o: Record<string, unknown>) => "schema" in o;
