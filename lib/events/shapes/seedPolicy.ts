import { z } from "zod";
import { EventTime, OptionalMilliseconds, OptionalText, OptionalTokenCount, RequiredText, TokenCount } from "../fields";
import type { UsageEvent } from "../usageEvent";

/** The original `log-to-eventhub` chargeback policy: culture-formatted time, string numbers. */
export const SeedPolicyEvent = z
  .object({
    "event-time": EventTime,
    appid: RequiredText,
    operation: OptionalText,
    object: OptionalText,
    model: OptionalText,
    deployment: OptionalText,
    modeltime: OptionalMilliseconds,
    prompt_tokens: TokenCount,
    cached_tokens: OptionalTokenCount,
    completion_tokens: OptionalTokenCount,
    total_tokens: OptionalTokenCount,
  })
  .transform(
    (e): UsageEvent => ({
      shape: "seed-policy",
      requestId: null,
      time: e["event-time"],
      appId: e.appid,
      deployment: e.deployment ?? "",
      model: e.model ?? "",
      operation: e.operation ?? e.object ?? "",
      region: "",
      promptTokens: e.prompt_tokens,
      cachedTokens: e.cached_tokens ?? 0,
      completionTokens: e.completion_tokens ?? 0,
      reasoningTokens: 0,
      totalTokens: e.total_tokens ?? e.prompt_tokens + (e.completion_tokens ?? 0),
      modelTimeMs: e.modeltime ?? null,
      status: null,
      streamed: false,
      subscriptionId: null,
      product: null,
    }),
  );

export const isSeedPolicyEvent = (o: Record<string, unknown>) => "event-time" in o || "appid" in o;
