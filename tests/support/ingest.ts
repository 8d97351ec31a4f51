import { Readable } from "node:stream";
import { ingestNdjson } from "../../ingest/worker/ingestNdjson";
import type { DiagnosticOptions } from "../../lib/events/azureMonitor/joinDiagnosticLines";
import type { UsageStore } from "../../lib/store/port";

/** Runs lines through the same NDJSON pipeline `chargeback ingest` uses. */
export function ingestLines(store: UsageStore, lines: readonly string[], name = "test.ndjson", diagnostics?: DiagnosticOptions) {
  return ingestNdjson(store, Readable.from(lines.map((l) => `${l}\n`)), name, { diagnostics });
}

export const v1Event = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: "chargeback/v1",
    requestId: "req-1",
    time: "2026-11-10T10:00:00Z",
    appId: "app-1",
    deployment: "gpt-4o",
    model: "gpt-4o-2024-08-06",
    operation: "chat.completions",
    region: "eastus2",
    promptTokens: 1000,
    cachedTokens: 0,
    completionTokens: 100,
    reasoningTokens: 0,
    totalTokens: 1100,
    ...overrides,
  });

export const seedEvent = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    "event-time": "11/10/2026 10:00:00 AM",
    appid: "app-1",
    operation: "chat.completion",
    model: "gpt-4o-mini-2024-07-18",
    modeltime: "100",
    completion_tokens: "100",
    prompt_tokens: "1000",
    total_tokens: "1100",
    ...overrides,
  });
