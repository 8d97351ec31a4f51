import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { earliestEventPosition, type PartitionContext, type ReceivedEventData } from "@azure/event-hubs";
import { type DiagnosticOptions, DiagnosticLines } from "../../lib/events/azureMonitor/joinDiagnosticLines";
import { addSummaries, emptySummary, type IngestSummary } from "../../lib/events/processUsageBatch";
import type { UsageStore } from "../../lib/store/port";
import type { Span } from "@opentelemetry/api";
import { countRetry, recordStoreError } from "../../lib/telemetry/instruments";
import { errorField, logFor, type Log } from "../../lib/telemetry/log";
import { inSpan, markFailed } from "../../lib/telemetry/spans";
import { batchWriter } from "./batchWriter";
import { startPeriodic, type PeriodicTask } from "./periodicTasks";
import { checkpointStoreDown } from "./sources/checkpointStoreFailure";
import { toSourceLine, type EventHubsClients } from "./sources/eventHubs";
import { itemAt } from "../../lib/core/arrays";

export type EventHubWorkerOptions = {
  /** API Management's diagnostic records: the join window and the app id header. */
  diagnostics?: DiagnosticOptions;
  maxBatchSize: number;
  maxWaitSeconds: number;
  signal: AbortSignal;
  periodic?: PeriodicTask[];
  /** Backoff for a batch the store refused: doubles from `firstDelayMs` up to `maxDelayMs`. */
  retry?: { firstDelayMs: number; maxDelayMs: number };
  log?: Log;
  /** Kept up to date with the partitions this replica owns now (for the readiness probe). */
  owned?: Set<string>;
  /** How long each shutdown step (batch in hand, subscription, client) may take before the worker moves on. */
  closeTimeoutMs?: number;
};

export type EventHubWorkerSummary = IngestSummary & { batches: number; retries: number; abandonedBatches: number; partitionsClaimed: string[] };

/**
 * Consumes the hub until the signal aborts. Each batch goes through the same pipeline as
 * `chargeback ingest`; the partition is checkpointed only after the batch is written. A batch the
 * store refuses is retried with backoff and never checkpointed past; on shutdown the batch in hand
 * is finished (or, if the store is still down, left for redelivery) before the clients close.
 */
export async function runEventHubWorker(store: UsageStore, clients: EventHubsClients, options: EventHubWorkerOptions): Promise<EventHubWorkerSummary> {
  const { signal, retry = { firstDelayMs: 200, maxDelayMs: 30_000 } } = options;
  const log = options.log ?? logFor("eventhubs", { hub: clients.hubName, consumerGroup: clients.consumerGroup });
  const write = batchWriter(store, "eventhubs");
  const inFlight = new Set<Promise<void>>();
  const claimed = new Set<string>();
  let total = emptySummary();
  let batches = 0;
  let retries = 0;
  let abandonedBatches = 0;

  // Diagnostic records wait here for the other record of their call, which may come in another
  // partition; a partition is never checkpointed past a record still waiting, or one whose call is
  // not written yet, so after a crash they are read again (a call written already is a duplicate).
  const diagnostics = new DiagnosticLines<HubPosition>(options.diagnostics);
  const unwritten = new Set<HubPosition[]>();
  const held = (partitionId: string) => {
    let first = Number.POSITIVE_INFINITY;
    for (const p of [...diagnostics.pendingPositions(), ...[...unwritten].flat()])
      if (p.partitionId === partitionId && p.sequenceNumber < first) first = p.sequenceNumber;
    return first;
  };

  // One span per batch, from its first write attempt to its checkpoint.
  function writeBatch(events: ReceivedEventData[], context: PartitionContext) {
    const batchId = randomUUID();
    const attributes = {
      "messaging.system": "eventhubs",
      "messaging.destination.name": clients.hubName,
      "messaging.consumer.group.name": clients.consumerGroup,
      "messaging.destination.partition.id": context.partitionId,
      "messaging.batch.message_count": events.length,
      "chargeback.batch.id": batchId,
      "chargeback.batch.first_sequence": firstSequence(events),
      "chargeback.batch.last_sequence": lastSequence(events),
    };
    return inSpan("eventhubs.batch", attributes, (span) => writeBatchInSpan(events, context, batchId, span));
  }

  async function writeBatchInSpan(events: ReceivedEventData[], context: PartitionContext, batchId: string, span: Span) {
    const joined = diagnostics.feed(
      events.map((event) => toSourceLine(clients.hubName, context.partitionId, event)),
      (_line, i) => ({ partitionId: context.partitionId, sequenceNumber: itemAt(events, i).sequenceNumber }),
    );
    const lines = joined.lines;
    unwritten.add(joined.settled);
    const range = `partition ${context.partitionId} #${firstSequence(events)}–${lastSequence(events)}`;
    // Correlation for every line about this batch: where it sits in the hub, and an id of its own.
    const batchLog = log.child({
      partitionId: context.partitionId,
      firstSequence: firstSequence(events),
      lastSequence: lastSequence(events),
      batchId, // and, while tracing, the batch's traceId (the logger adds it)
    });
    const started = performance.now();
    for (let attempt = 1, delay = retry.firstDelayMs; ; attempt++, delay = Math.min(delay * 2, retry.maxDelayMs)) {
      try {
        const summary = await write(lines, started);
        total = addSummaries(total, summary);
        batches++;
        const { accepted, duplicates, quarantined, unpriced } = summary;
        span.setAttributes({
          "chargeback.accepted": accepted,
          "chargeback.duplicates": duplicates,
          "chargeback.quarantined": quarantined,
          "chargeback.unpriced": unpriced,
        });
        batchLog.debug({ event: "batch.written", events: events.length, accepted, duplicates, quarantined, unpriced }, `${range} written`);
        break;
      } catch (error) {
        recordStoreError("saveUsageBatch", { source: "eventhubs" });
        if (signal.aborted) {
          // Still held: nothing of it (nor of the records its calls were joined from) is checkpointed.
          abandonedBatches++;
          batchLog.warn(
            { event: "batch.abandoned", ...errorField(error) },
            `${range} not written (${(error as Error).message}); not checkpointed, it will be delivered again`,
          );
          markFailed(span, "not written; left for redelivery");
          return;
        }
        retries++;
        countRetry("store")();
        span.addEvent("retry", { attempt, "chargeback.delay_ms": delay });
        batchLog.warn(
          { event: "batch.retry", attempt, delayMs: delay, ...errorField(error) },
          `${range} not written (attempt ${attempt}: ${(error as Error).message}); trying again in ${delay} ms`,
        );
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
    unwritten.delete(joined.settled);
    const before = held(context.partitionId);
    const last = events.filter((e) => e.sequenceNumber < before).at(-1);
    if (!last) return;
    try {
      await context.updateCheckpoint(last);
    } catch (error) {
      // The batch is written; a later checkpoint covers it, and a redelivery until then adds nothing.
      batchLog.warn({ event: "checkpoint.failed", ...errorField(error) }, `${range} written but not checkpointed: ${(error as Error).message}`);
    }
  }

  const stopPeriodic = startPeriodic(options.periodic ?? [], log);
  const subscription = clients.consumer.subscribe(
    {
      processInitialize: async (context) => {
        claimed.add(context.partitionId);
        options.owned?.add(context.partitionId);
        log.info({ event: "partition.claimed", partitionId: context.partitionId }, `claimed partition ${context.partitionId}`);
      },
      processClose: async (reason, context) => {
        options.owned?.delete(context.partitionId);
        log.info({ event: "partition.released", partitionId: context.partitionId, reason }, `released partition ${context.partitionId} (${reason})`);
      },
      processError: async (error, context) => {
        // A checkpoint store that is down is named as such, with what to do (issue 24).
        const down = checkpointStoreDown(error);
        log.warn(
          { event: down ? "checkpointStore.down" : "partition.error", partitionId: context.partitionId || null, ...errorField(error) },
          down ?? `partition ${context.partitionId || "-"}: ${error.message}`,
        );
      },
      processEvents: async (events, context) => {
        // After a stop request nothing new is taken: unwritten events stay for the next owner.
        if (events.length === 0 || signal.aborted) return;
        const work = writeBatch(events, context);
        inFlight.add(work);
        try {
          await work;
        } finally {
          inFlight.delete(work);
        }
      },
    },
    // Bodies stay bytes: the SDK's own JSON.parse would first decode them leniently (U+FFFD).
    {
      maxBatchSize: options.maxBatchSize,
      maxWaitTimeInSeconds: options.maxWaitSeconds,
      startPosition: earliestEventPosition,
      skipParsingBodyAsJson: true,
    },
  );

  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  stopPeriodic();
  // Shutdown is bounded: what is written is checkpointed or will be redelivered, so a close that
  // hangs (a slow checkpoint store, a dead connection) must not keep the replica from stopping.
  const closeWithin = options.closeTimeoutMs ?? 10_000;
  await within(closeWithin, "the batch in hand", Promise.allSettled([...inFlight]), log);
  await within(closeWithin, "closing the subscription", subscription.close(), log);
  await within(closeWithin, "closing the client", clients.consumer.close(), log);
  return { ...total, batches, retries, abandonedBatches, partitionsClaimed: [...claimed].sort() };
}

type HubPosition = { partitionId: string; sequenceNumber: number };

// A batch is never empty (processEvents returns early on none).
const firstSequence = (events: ReceivedEventData[]) => itemAt(events, 0).sequenceNumber;
const lastSequence = (events: ReceivedEventData[]) => itemAt(events, events.length - 1).sequenceNumber;

async function within(ms: number, what: string, work: Promise<unknown>, log: Log): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    work.then(
      () => true,
      (error) => {
        log.warn({ event: "shutdown.step.failed", step: what, ...errorField(error) }, `${what} failed: ${(error as Error).message}`);
        return true;
      },
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  if (!done) log.warn({ event: "shutdown.step.timeout", step: what, timeoutMs: ms }, `${what} did not finish within ${ms / 1000} s; stopping anyway`);
}
