import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { afterEach, describe, expect, it } from "vitest";
import { Retryable, withRetry } from "../../../lib/retry/retryPolicy";
import { countRetry, recordBatch, recordHttpRequest, recordStoreError } from "../../../lib/telemetry/instruments";
import { startTelemetry, type Telemetry } from "../../../lib/telemetry/startTelemetry";

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

async function collect(record: () => Promise<void> | void) {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  telemetry = await startTelemetry("chargeback-web", { metricReaders: [reader], env: {} });
  await record();
  await reader.forceFlush();
  const metrics = exporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
  return (name: string) => metrics.find((m) => m.descriptor.name === name)?.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value }));
}

describe("the product's metrics", () => {
  it("are no-ops until the SDK starts (a CLI command never starts it)", () => {
    expect(() => recordBatch("intake", { accepted: 1, duplicates: 0, quarantined: 0, unpriced: 0 }, 5)).not.toThrow();
  });

  it("intake requests: latency in seconds by route, method and status", async () => {
    const read = await collect(() => {
      recordHttpRequest("/api/v1/events", "POST", 200, 120);
      recordHttpRequest("/api/v1/events", "POST", 200, 80);
      recordHttpRequest("/api/v1/events", "POST", 401, 3);
    });
    const points = read("http.server.request.duration")!;
    const ok = points.find((p) => p.attributes["http.response.status_code"] === 200)!;
    expect(ok.attributes).toEqual({ "http.route": "/api/v1/events", "http.request.method": "POST", "http.response.status_code": 200 });
    expect(ok.value).toMatchObject({ count: 2, sum: 0.2 });
    expect(points.find((p) => p.attributes["http.response.status_code"] === 401)?.value).toMatchObject({ count: 1 });
  });

  it("retries of outbound calls by target, and store errors by operation", async () => {
    const read = await collect(async () => {
      let calls = 0;
      const policy = { maxAttempts: 3, maxTotalMs: 60_000, firstDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
      const work = async () => (++calls < 3 ? Promise.reject(new Retryable("HTTP 503")) : "ok");
      await withRetry(policy, work, { sleep: async () => undefined, onRetry: countRetry("graph") });
      recordStoreError("saveUsageBatch", { source: "intake" });
    });
    expect(read("chargeback.retries")).toEqual([{ attributes: { target: "graph" }, value: 2 }]);
    expect(read("chargeback.store.errors")).toEqual([{ attributes: { operation: "saveUsageBatch", source: "intake" }, value: 1 }]);
  });
});
