import { z } from "zod";
import {
  EventTime,
  eventTimeIn,
  isOptionalText,
  OptionalMilliseconds,
  OptionalText,
  optionalText,
  OptionalTokenCount,
  optionalTokenCountIn,
  RequiredText,
  requiredTextIn,
  TokenCount,
  tokenCountIn,
} from "../fields";
import type { UsageEvent } from "../usageEvent";

const SeedFields = z.object({
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
});

/** The original `log-to-eventhub` chargeback policy: culture-formatted time, string numbers. */
export const SeedPolicyEvent = SeedFields.transform((e) => seedEvent(e));

/**
 * What `SeedPolicyEvent` makes of an object it accepts, without zod; undefined for any object the
 * schema might refuse, for the schema to word what is wrong.
 */
export function readSeedPolicy(o: Record<string, unknown>): UsageEvent | undefined {
  const time = eventTimeIn(o["event-time"]);
  const appid = requiredTextIn(o.appid);
  const promptTokens = tokenCountIn(o.prompt_tokens);
  const modeltime = optionalTokenCountIn(o.modeltime);
  const cachedTokens = optionalTokenCountIn(o.cached_tokens);
  const completionTokens = optionalTokenCountIn(o.completion_tokens);
  const totalTokens = optionalTokenCountIn(o.total_tokens);
  if (time === null || appid === null || promptTokens === null || modeltime === null || cachedTokens === null) return undefined;
  if (completionTokens === null || totalTokens === null) return undefined;
  const { operation, object, model, deployment } = o;
  if (!isOptionalText(operation) || !isOptionalText(object) || !isOptionalText(model) || !isOptionalText(deployment)) return undefined;
  return seedEvent({
    "event-time": time,
    appid,
    operation: optionalText(operation),
    object: optionalText(object),
    model: optionalText(model),
    deployment: optionalText(deployment),
    modeltime,
    prompt_tokens: promptTokens,
    cached_tokens: cachedTokens,
    completion_tokens: completionTokens,
    total_tokens: totalTokens,
  });
}

const seedEvent = (e: z.output<typeof SeedFields>): UsageEvent => ({
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
});

export const isSeedPolicyEvent = (o: Record<string, unknown>) => "event-time" in o || "appid" in o;
