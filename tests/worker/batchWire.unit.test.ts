import { describe, expect, it } from "vitest";
import { createWireReader, createWireWriter } from "../../ingest/worker/parallel/batchWire";
import type { PreparedBatch } from "../../lib/events/processUsageBatch";
import type { UsageEvent } from "../../lib/events/usageEvent";

const event = (n: number, distinct: boolean): UsageEvent => ({
  shape: "chargeback/v1",
  requestId: `r${n}`,
  time: 1_767_225_600_000 + n,
  appId: distinct ? `app-${n}` : "app",
  deployment: distinct ? `dep-${n}` : "gpt-4o",
  model: "gpt-4o-2024-11-20",
  operation: "chat.completions",
  region: "",
  promptTokens: n,
  cachedTokens: 0,
  completionTokens: 1,
  reasoningTokens: 0,
  totalTokens: n + 1,
  ...(n % 3 === 0 ? { audioInputTokens: 1, serviceTier: "priority" as const, errorCode: "content_filter" } : {}),
  modelTimeMs: n % 2 === 0 ? null : 10,
  status: 200,
  streamed: n % 2 === 0,
  subscriptionId: distinct ? `sub-${n}` : null,
  product: null,
  ...(n % 4 === 0 ? { tags: { project: `p${n % 7}` }, endUser: distinct ? `user${n}` : "u", warnings: ["tag x dropped: over 10 tags"] } : {}),
});

const batch = (from: number, size: number, distinct: boolean): PreparedBatch => ({
  events: Array.from({ length: size }, (_, i) => ({ id: `req:r${from + i}`, source: `f:${from + i}`, event: event(from + i, distinct) })),
  quarantined: from % 2 === 0 ? [{ id: "line:x:0", source: "f:0", raw: "{", reason: "not valid JSON" }] : [],
});

describe("batches between the reading and the writing thread", () => {
  it("arrive as they were sent, field for field, across many batches", () => {
    const toWire = createWireWriter();
    const fromWire = createWireReader();
    // Distinct apps, deployments, subscriptions and end users fill the shared table past its bound,
    // so it starts over on both sides mid-run; then repeated values again.
    for (let b = 0; b < 12; b++) {
      const sent = batch(b * 2_000, 2_000, b < 8);
      const received = fromWire(structuredClone(toWire(sent)));
      expect(received).toEqual(sent);
    }
  });
});
