import type { Attributes } from "@opentelemetry/api";
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { lagTask } from "../../ingest/worker/eventHubLag";
import { runEventHubWorker } from "../../ingest/worker/eventHubWorker";
import { createEventHubsClients } from "../../ingest/worker/sources/eventHubs";
import { loadEventHubsConfig } from "../../lib/config/eventHubsConfig";
import { now } from "../../lib/core/clock";
import { priceSyncAgeSeconds } from "../../lib/pricing/syncRetailPrices";
import { observePriceSyncAge } from "../../lib/telemetry/instruments";
import { createLog } from "../../lib/telemetry/log";
import { startTelemetry } from "../../lib/telemetry/startTelemetry";
import { useEventHubsRig } from "../support/eventHubsRig";
import { checkpointStore, sendToPartitions, usageTotals } from "../support/hubEvents";
import { v1Event } from "../support/ingest";
import { hubEnv, waitFor } from "../support/workerProcess";
import { itemAt } from "../../lib/core/arrays";

const event = (requestId: string) => ({ body: Buffer.from(v1Event({ requestId })) });

/** Every data point of one metric, as [attributes, value] (a histogram's value is its count). */
function points(exporter: InMemoryMetricExporter, name: string): [Attributes, number][] {
  const metric = exporter
    .getMetrics()
    .at(-1)
    ?.scopeMetrics.flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((p) => [p.attributes, typeof p.value === "number" ? p.value : (p.value as { count: number }).count]);
}

describe("the Event Hubs worker's metrics and traces", () => {
  const rig = useEventHubsRig();

  it("counts events per outcome, times each batch, measures checkpoint lag per partition, and traces each batch", async () => {
    const metricsOut = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter: metricsOut, exportIntervalMillis: 3_600_000 });
    const spansOut = new InMemorySpanExporter();
    const telemetry = await startTelemetry("chargeback-worker", { metricReaders: [reader], spanProcessors: [new SimpleSpanProcessor(spansOut)], env: {} });
    try {
      // 6 requests (one sent twice), one line that is not JSON.
      await sendToPartitions(rig.hub, {
        "0": [event("t-1"), event("t-2"), event("t-3"), event("t-1"), { body: Buffer.from("not json {") }],
        "1": [event("t-4"), event("t-5"), event("t-6")],
      });
      // The last good price sync an hour ago (the product's clock): the worker reports its age.
      await rig.target.store.recordPriceSync({ at: now() - 3_600_000, ok: true, items: 1, detail: "test" });
      const stopObserving = observePriceSyncAge(() => priceSyncAgeSeconds(rig.target.store));
      const clients = await createEventHubsClients(loadEventHubsConfig(hubEnv(rig.hub, rig.azurite)), "telemetry-test");
      const stop = new AbortController();
      const logged: Record<string, unknown>[] = [];
      const running = runEventHubWorker(rig.target.store, clients, {
        maxBatchSize: 2,
        maxWaitSeconds: 1,
        signal: stop.signal,
        log: createLog({ level: "debug", stream: { write: (line: string) => void logged.push(JSON.parse(line)) } }),
        periodic: [lagTask(rig.target.store, clients, 500)],
      });
      await waitFor(async () => (await usageTotals(rig.target.store)).requests === 6, "the events to be written");
      const checkpointed = async () => (await checkpointStore(rig.azurite).listCheckpoints("127.0.0.1", rig.hub.hubName, "$Default")).length === 2;
      await waitFor(checkpointed, "both partitions' checkpoints");
      await waitFor(async () => {
        await reader.forceFlush();
        const lags = points(metricsOut, "chargeback.eventhubs.checkpoint.lag");
        return lags.length === 2 && lags.every(([, lag]) => lag === 0);
      }, "a lag of 0 in both partitions");
      stop.abort();
      const summary = await running;
      await telemetry.flush();
      stopObserving();

      expect(summary).toMatchObject({ accepted: 6, duplicates: 1, quarantined: 1 });
      const events = Object.fromEntries(points(metricsOut, "chargeback.ingest.events").map(([a, n]) => [`${a.source}/${a.outcome}`, n]));
      expect(events).toEqual({
        "eventhubs/accepted": 6,
        "eventhubs/duplicate": 1,
        "eventhubs/quarantined": 1,
        ...(summary.unpriced > 0 ? { "eventhubs/unpriced": summary.unpriced } : {}),
      });
      expect(points(metricsOut, "chargeback.ingest.batch.duration")).toEqual([[{ source: "eventhubs" }, summary.batches]]);
      expect(
        points(metricsOut, "chargeback.eventhubs.checkpoint.lag")
          .map(([a]) => a.partition)
          .sort(),
      ).toEqual(["0", "1"]);
      expect(points(metricsOut, "chargeback.store.errors")).toEqual([]);
      expect(points(metricsOut, "chargeback.prices.sync.age")).toEqual([[{}, 3_600]]);

      // A trace per batch: a root span each, named, placed in the hub and counted.
      const batches = spansOut.getFinishedSpans().filter((s) => s.name === "eventhubs.batch");
      expect(batches).toHaveLength(summary.batches);
      expect(new Set(batches.map((s) => s.spanContext().traceId)).size).toBe(summary.batches);
      expect(batches.every((s) => s.parentSpanContext === undefined)).toBe(true);
      const total = (key: string) => batches.reduce((n, s) => n + Number(s.attributes[key]), 0);
      expect([total("messaging.batch.message_count"), total("chargeback.accepted"), total("chargeback.duplicates"), total("chargeback.quarantined")]).toEqual([
        8, 6, 1, 1,
      ]);
      expect(new Set(batches.map((s) => s.attributes["messaging.destination.partition.id"]))).toEqual(new Set(["0", "1"]));
      expect(itemAt(batches, 0).resource.attributes["service.name"]).toBe("chargeback-worker");

      // Each batch's log line names its trace and batch: a log search leads to the trace and back.
      const written = logged.filter((l) => l.event === "batch.written");
      expect(written).toHaveLength(summary.batches);
      const spanOf = new Map(batches.map((s) => [s.attributes["chargeback.batch.id"], s.spanContext()]));
      for (const line of written) expect(line.traceId).toBe(spanOf.get(line.batchId as string)?.traceId);
    } finally {
      await telemetry.shutdown();
    }
  });
});
