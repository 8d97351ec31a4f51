import { z } from "zod";
import { EventTime, OptionalText, OptionalTokenCount, TokenCount } from "../fields";
import { isPlaceholderAppId, unknownCallerAppId } from "../unknownCaller";
import type { UsageEvent } from "../usageEvent";

/**
 * Microsoft's public "AI Hub Gateway" accelerator usage record (frag-openai-usage.xml). Its `id` is
 * the model's response id, so a record delivered twice counts once; its app id is "NA" when the
 * caller's token had none: such calls are charged to the unknown-caller app, never to an app "NA".
 */
export const AiHubGatewayEvent = z
  .object({
    id: OptionalText,
    timestamp: EventTime,
    appId: z.union([z.string(), z.null()], { error: (issue) => (issue.input === undefined ? "is missing" : "must be a string") }),
    subscriptionId: OptionalText,
    productName: OptionalText,
    targetService: OptionalText,
    model: OptionalText,
    routeLocation: OptionalText,
    deploymentName: OptionalText,
    promptTokens: TokenCount,
    responseTokens: OptionalTokenCount,
    totalTokens: OptionalTokenCount,
  })
  .transform(
    (e): UsageEvent => ({
      shape: "ai-hub-gateway",
      requestId: e.id,
      time: e.timestamp,
      appId: e.appId === null || isPlaceholderAppId(e.appId) ? unknownCallerAppId("ai-hub-gateway") : e.appId.trim(),
      deployment: e.deploymentName ?? "",
      model: e.model ?? "",
      operation: e.targetService ?? "",
      region: e.routeLocation ?? "",
      promptTokens: e.promptTokens,
      cachedTokens: 0,
      completionTokens: e.responseTokens ?? 0,
      reasoningTokens: 0,
      totalTokens: e.totalTokens ?? e.promptTokens + (e.responseTokens ?? 0),
      modelTimeMs: null,
      status: 200, // the accelerator logs successful calls only
      streamed: false,
      subscriptionId: e.subscriptionId,
      product: e.productName,
    }),
  );

export const isAiHubGatewayEvent = (o: Record<string, unknown>) => "timestamp" in o || "responseTokens" in o || "deploymentName" in o;
