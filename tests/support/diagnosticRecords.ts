import fs from "node:fs";
import path from "node:path";

// Microsoft's documented GatewayLogs entry, and the GatewayLlmLogs columns Learn lists (see
// tests/fixtures/azure-monitor/README.md): records are built from them, nothing else.
const DIR = path.resolve(__dirname, "..", "fixtures", "azure-monitor");
const gatewaySample = JSON.parse(fs.readFileSync(path.join(DIR, "gateway-logs-record.json"), "utf8")) as Record<string, unknown> & {
  properties: Record<string, unknown>;
};
export const LLM_COLUMNS = fs.readFileSync(path.join(DIR, "ApiManagementGatewayLlmLog-columns.txt"), "utf8").trim().split("\n");
const APIM = "/SUBSCRIPTIONS/11111111-1111-1111-1111-111111111111/RESOURCEGROUPS/RG-AI/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM-AI";

type Call = { correlationId: string; time: string };

/** The gateway's record of a call: the documented sample with this call's time, id and caller. */
export function gatewayRecord(
  call: Call & { subscription?: string; product?: string; responseCode?: number; requestHeaders?: Record<string, string> },
): Record<string, unknown> {
  return {
    ...gatewaySample,
    time: call.time,
    correlationId: call.correlationId,
    callerIpAddress: "203.0.113.7",
    properties: {
      ...gatewaySample.properties,
      apimSubscriptionId: call.subscription ?? gatewaySample.properties.apimSubscriptionId,
      productId: call.product ?? "ai-platform",
      responseCode: call.responseCode ?? 200,
      ...(call.requestHeaders ? { requestHeaders: call.requestHeaders } : {}),
    },
  };
}

/**
 * The language-model log of a call: the record with the tokens (sequence 0, with the prompt), and
 * `chunks` more records of the completion with no token counts, as a long response is split.
 */
export function llmRecords(call: Call & { deployment: string; model: string; prompt: number; completion: number; chunks?: number }): Record<string, unknown>[] {
  const record = (properties: Record<string, unknown>) => {
    const known = Object.fromEntries(Object.entries(properties).filter(([k]) => LLM_COLUMNS.includes(k)));
    return { time: call.time, resourceId: APIM, category: "GatewayLlmLogs", properties: known };
  };
  const common = {
    ApiVersion: "2024-10-21",
    CorrelationId: call.correlationId,
    DeploymentName: call.deployment,
    ModelName: call.model,
    IsStreamCompletion: false,
    Region: "East US 2",
    RequestId: `chatcmpl-${call.correlationId.slice(0, 8)}`,
  };
  return [
    record({
      ...common,
      SequenceNumber: 0,
      PromptTokens: call.prompt,
      CompletionTokens: call.completion,
      TotalTokens: call.prompt + call.completion,
      RequestMessages: [{ role: "user", content: "hello" }],
    }),
    ...Array.from({ length: call.chunks ?? 1 }, (_, i) =>
      record({ ...common, SequenceNumber: i + 1, PromptTokens: 0, CompletionTokens: 0, TotalTokens: 0, ResponseMessages: [{ content: `part ${i + 1}` }] }),
    ),
  ];
}

/** What a diagnostic setting puts in one Event Hubs message. */
export const envelope = (records: unknown[]) => JSON.stringify({ records });
