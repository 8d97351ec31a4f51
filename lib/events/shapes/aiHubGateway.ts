import { z } from "zod";
import { EventTime, OptionalText, OptionalTokenCount, RequiredText, TokenCount } from "../fields";
import type { UsageEvent } from "../usageEvent";

/** Microsoft's public "AI Hub Gateway" accelerator usage record (frag-openai-usage.xml). */
export const AiHubGatewayEvent = z
  .object({
    timestamp: EventTime,
    appId: RequiredText,
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
      requestId: null,
      time: e.timestamp,
      appId: e.appId,
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
