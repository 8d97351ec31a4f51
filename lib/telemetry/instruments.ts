import type { Attributes, Meter, ObservableResult } from "@opentelemetry/api";
import { otelApi } from "./otelApi";

/**
 * The product's metrics, through the OpenTelemetry API only (no SDK, no exporter). Until a process
 * starts the SDK (`startTelemetry`), every record is a no-op and the API is not even loaded; the
 * instruments are made again whenever the global meter changes.
 * The names and what to alert on are in docs/operations.md.
 */
function makeInstruments(meter: Meter) {
  return {
    events: meter.createCounter("chargeback.ingest.events", {
      description: "Usage events by source and outcome (accepted, duplicate, quarantined, unpriced)",
      unit: "{event}",
    }),
    batchDuration: meter.createHistogram("chargeback.ingest.batch.duration", {
      description: "Time to write one batch to the store, retries included",
      unit: "ms",
      advice: { explicitBucketBoundaries: [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000] },
    }),
    checkpointLag: meter.createGauge("chargeback.eventhubs.checkpoint.lag", {
      description: "Events enqueued in a partition after its last checkpoint",
      unit: "{event}",
    }),
    storeErrors: meter.createCounter("chargeback.store.errors", { description: "Store operations that failed (each retried attempt counts)", unit: "{error}" }),
    retries: meter.createCounter("chargeback.retries", { description: "Outbound calls and store writes asked again, by target", unit: "{retry}" }),
    budgetChecks: meter.createCounter("chargeback.budgets.checks", {
      description: "Budget checks run by the worker, by outcome (ok, failed)",
      unit: "{check}",
    }),
    thresholdsCrossed: meter.createCounter("chargeback.budgets.thresholds.crossed", {
      description: "Budget thresholds newly crossed (told once each), by basis (actual, forecast)",
      unit: "{threshold}",
    }),
    notifications: meter.createCounter("chargeback.notifications", {
      description: "Notification delivery attempts, by channel (email, webhook), kind and outcome (sent, failed)",
      unit: "{notification}",
    }),
    notificationLag: meter.createHistogram("chargeback.notifications.delivery.lag", {
      description: "Time from a notification being queued to its delivery, retries and outages included",
      unit: "s",
      advice: { explicitBucketBoundaries: [1, 5, 15, 60, 300, 900, 3_600, 14_400, 86_400] },
    }),
    httpDuration: meter.createHistogram("http.server.request.duration", {
      description: "HTTP requests served, by route, method and status",
      unit: "s",
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] },
    }),
  };
}

let current: { meter: Meter; instruments: ReturnType<typeof makeInstruments> } | undefined;

function instruments() {
  const meter = otelApi()?.metrics.getMeter("chargeback");
  if (!meter) return undefined;
  if (current?.meter !== meter) current = { meter, instruments: makeInstruments(meter) };
  return current.instruments;
}

/** Where events came from, as a metric dimension: a few fixed values, never an app or a sender. */
export type EventSource = "eventhubs" | "intake" | "demo";

export function recordBatch(source: EventSource, summary: { accepted: number; duplicates: number; quarantined: number; unpriced: number }, durationMs: number) {
  const made = instruments();
  if (!made) return;
  const { events, batchDuration } = made;
  const outcomes = { accepted: summary.accepted, duplicate: summary.duplicates, quarantined: summary.quarantined, unpriced: summary.unpriced };
  for (const [outcome, count] of Object.entries(outcomes)) if (count > 0) events.add(count, { source, outcome });
  batchDuration.record(durationMs, { source });
}

export const recordCheckpointLag = (partitionId: string, lag: number) => instruments()?.checkpointLag.record(lag, { partition: partitionId });

export const recordStoreError = (operation: string, attributes: Attributes = {}) => instruments()?.storeErrors.add(1, { operation, ...attributes });

/** An `onRetry` for lib/retry that counts the retries of one target (`retail-prices`, `graph`, …). */
export const countRetry = (target: string) => () => instruments()?.retries.add(1, { target });

/** One run of the budget checks: whether it ran to the end, and the thresholds it found newly crossed. */
export function recordBudgetCheck(ok: boolean, crossed: { basis: "actual" | "forecast" }[]) {
  const made = instruments();
  if (!made) return;
  made.budgetChecks.add(1, { outcome: ok ? "ok" : "failed" });
  for (const t of crossed) made.thresholdsCrossed.add(1, { basis: t.basis });
}

/** One delivery attempt; a sent one also records how long it waited since it was queued. A failed one is retried later. */
export function recordNotification(channel: string, kind: string, sent: boolean, lagMs?: number) {
  const made = instruments();
  if (!made) return;
  made.notifications.add(1, { channel, kind, outcome: sent ? "sent" : "failed" });
  if (sent && lagMs !== undefined) made.notificationLag.record(lagMs / 1000, { channel, kind });
}

export function recordHttpRequest(route: string, method: string, status: number, durationMs: number) {
  instruments()?.httpDuration.record(durationMs / 1000, { "http.route": route, "http.request.method": method, "http.response.status_code": status });
}

/**
 * `chargeback.prices.sync.age`: seconds since the last good price sync, read (once per export,
 * each minute) through `read`; nothing before the first sync. Call after the SDK has started;
 * the returned function stops observing.
 */
export function observePriceSyncAge(read: () => Promise<number | null>): () => void {
  const meter = otelApi()?.metrics.getMeter("chargeback");
  if (!meter) return () => undefined;
  const gauge = meter.createObservableGauge("chargeback.prices.sync.age", {
    description: "Seconds since prices were last synced from the Retail Prices API",
    unit: "s",
  });
  const callback = async (result: ObservableResult) => {
    const age = await read().catch(() => null);
    if (age !== null) result.observe(age);
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}
