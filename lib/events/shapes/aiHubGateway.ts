import { z } from "zod";
import {
  EventTime,
  eventTimeIn,
  isOptionalText,
  OptionalText,
  optionalText,
  OptionalTokenCount,
  optionalTokenCountIn,
  TokenCount,
  tokenCountIn,
} from "../fields";
import { isPlaceholderAppId, unknownCallerAppId } from "../unknownCaller";
import type { UsageEvent } from "../usageEvent";

/**
 * Microsoft's public "AI Hub Gateway" accelerator usage record (frag-openai-usage.xml). Its `id` is
 * the model's response id, so a record delivered twice counts once; its app id is "NA" when the
 * caller's token had none: such calls are charged to the unknown-caller app, never to an app "NA".
 */
const HubFields = z.object({
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
});
export const AiHubGatewayEvent = HubFields.transform((e) => hubEvent(e));

/**
 * What `AiHubGatewayEvent` makes of an object it accepts, without zod; undefined for any object
 * the schema might refuse, for the schema to word what is wrong.
 */
export function readAiHubGateway(o: Record<string, unknown>): UsageEvent | undefined {
  const time = eventTimeIn(o.timestamp);
  const promptTokens = tokenCountIn(o.promptTokens);
  const responseTokens = optionalTokenCountIn(o.responseTokens);
  const totalTokens = optionalTokenCountIn(o.totalTokens);
  if (time === null || promptTokens === null || responseTokens === null || totalTokens === null) return undefined;
  const { id, appId, subscriptionId, productName, targetService, model, routeLocation, deploymentName } = o;
  if (typeof appId !== "string" && appId !== null) return undefined;
  if (!isOptionalText(id) || !isOptionalText(subscriptionId) || !isOptionalText(productName) || !isOptionalText(targetService)) return undefined;
  if (!isOptionalText(model) || !isOptionalText(routeLocation) || !isOptionalText(deploymentName)) return undefined;
  return hubEvent({
    id: optionalText(id),
    timestamp: time,
    appId,
    subscriptionId: optionalText(subscriptionId),
    productName: optionalText(productName),
    targetService: optionalText(targetService),
    model: optionalText(model),
    routeLocation: optionalText(routeLocation),
    deploymentName: optionalText(deploymentName),
    promptTokens,
    responseTokens,
    totalTokens,
  });
}

const hubEvent = (e: z.output<typeof HubFields>): UsageEvent => ({
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
});

export const isAiHubGatewayEvent = (o: Record<string, unknown>) => "timestamp" in o || "responseTokens" in o || "deploymentName" in o;
