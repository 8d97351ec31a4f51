import { randomUUID } from "node:crypto";
import os from "node:os";
import { Option, type Command } from "commander";
import { z } from "zod";
import { loadEventHubsConfig, sharedKeyWarnings, type EventHubsConfig } from "@/lib/config/eventHubsConfig";
import { loadConfig, type Config } from "@/lib/config/schema";
import { purgeRawData, retentionHorizon } from "@/lib/retention/retention";
import { compactRollups } from "@/lib/retention/rollupCompaction";
import { priceSyncAgeSeconds, syncRetailPrices } from "@/lib/pricing/syncRetailPrices";
import { observePriceSyncAge } from "@/lib/telemetry/instruments";
import type { UsageStore } from "@/lib/store/port";
import { createDemoTraffic } from "../../worker/sources/demoTraffic";
import type { PeriodicTask } from "../../worker/periodicTasks";
import { figuresTask } from "../../worker/figuresTask";
import { startHealthServer, type ReadinessChecks } from "../../worker/health/healthServer";
import { eventHubsChecks, storeCheck } from "../../worker/health/workerChecks";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const WorkerOptions = z.object({
  source: z.enum(["demo", "eventhubs"]),
  rate: z.coerce.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000"),
  syncPricesHours: z.coerce.number().min(0, "must be 0 (off) or more"),
  maxBatchSize: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000"),
  maxWaitSeconds: z.coerce.number().positive("must be above 0").max(300, "must be at most 300"),
  healthPort: z.coerce.number().int("must be a whole number").min(0, "must be 0-65535").max(65_535, "must be 0-65535").optional(),
  healthHost: z.string().trim().min(1),
  refreshFiguresSeconds: z.coerce.number().min(0, "must be 0 (off) or more"),
});

/** The daily price refresh, in the reports' currency: a failed sync keeps the last good book and is recorded. */
function priceSyncTask(store: UsageStore, hours: number, config: Config): PeriodicTask {
  const query = { baseUrl: config.CHARGEBACK_RETAIL_PRICES_URL, regions: [], currency: config.CHARGEBACK_CURRENCY, reservations: false };
  return {
    name: "price sync",
    everyMs: hours * 3_600_000,
    run: () => syncRetailPrices(store, query, { actor: "worker", action: "prices.sync", reason: "scheduled refresh" }),
  };
}

/** Budget checks and notifications, unless CHARGEBACK_BUDGET_CHECK_SECONDS is 0. */
function budgetTasks(store: UsageStore): PeriodicTask[] {
  const seconds = loadConfig().CHARGEBACK_BUDGET_CHECK_SECONDS;
  if (seconds === 0) return [];
  const { budgetTask } = require("../../worker/budgetTask") as typeof import("../../worker/budgetTask");
  return [budgetTask(store, seconds * 1000)];
}

/** With a retention window set, raw data older than it is purged daily. */
const purgeTask = (store: UsageStore, days: number): PeriodicTask[] =>
  retentionHorizon(undefined, days) === null ? [] : [{ name: "retention purge", everyMs: 24 * 3_600_000, run: () => purgeRawData(store, { days }) }];

/** Hourly rollups past the hourly window are folded into day rows daily, whatever the retention. */
const compactionTask = (store: UsageStore): PeriodicTask => ({ name: "rollup compaction", everyMs: 24 * 3_600_000, run: () => compactRollups(store) });

// Loaded when used: the Event Hubs and Blob SDKs would add to every command's start-up
// (require: the bin runs the CLI as CommonJS under tsx, where import() of a .ts file fails).
const eventHubs = () => ({
  ...(require("../../worker/eventHubLag") as typeof import("../../worker/eventHubLag")),
  ...(require("../../worker/eventHubWorker") as typeof import("../../worker/eventHubWorker")),
  ...(require("../../worker/sources/eventHubs") as typeof import("../../worker/sources/eventHubs")),
});

// The worker's loop and its logger (pino) likewise: only `worker` runs them.
const workerLoop = () => ({
  ...(require("../../worker/pollingWorker") as typeof import("../../worker/pollingWorker")),
  ...(require("@/lib/telemetry/log") as typeof import("@/lib/telemetry/log")),
});

/** Reads and checks the hub settings before anything connects; shared keys against real servers are shouted about. */
function eventHubsConfig(): EventHubsConfig {
  const config = loadEventHubsConfig();
  for (const warning of sharedKeyWarnings(config)) process.stderr.write(`\n${"!".repeat(78)}\nchargeback: ${warning}\n${"!".repeat(78)}\n\n`);
  return config;
}

const stopSignal = () => {
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
  return stop.signal;
};

export function registerWorkerCommands(program: Command): void {
  const worker = program
    .command("worker")
    .description("run the ingest worker until SIGINT or SIGTERM")
    .addOption(new Option("--source <source>", "where events come from").choices(["demo", "eventhubs"]).default("demo"))
    .option("--rate <events>", "demo events per second", "5")
    .option("--sync-prices-hours <hours>", "refresh prices from the Retail Prices API this often (0: never)", "0")
    .option("--max-batch-size <events>", "eventhubs: most events written (and checkpointed) at once", "500")
    .option("--max-wait-seconds <seconds>", "eventhubs: longest wait for a batch to fill", "5")
    .option("--health-port <port>", "serve GET /live and /ready on this port (0: any free port, logged)")
    .option("--health-host <address>", "the address the health port listens on", "0.0.0.0")
    .option("--refresh-figures-seconds <seconds>", "build stale months' figures and reports this often, so pages only read them (0: never)", "60")
    .action(async (raw: unknown, command: Command) => {
      const options = parseOptions(WorkerOptions, raw);
      const settings = loadConfig();
      const config = options.source === "eventhubs" ? eventHubsConfig() : undefined;
      const signal = stopSignal();
      const periodic = (store: UsageStore) => [
        ...(options.syncPricesHours > 0 ? [priceSyncTask(store, options.syncPricesHours, settings)] : []),
        ...purgeTask(store, settings.CHARGEBACK_RETENTION_DAYS),
        compactionTask(store),
        ...budgetTasks(store),
        ...(options.refreshFiguresSeconds > 0 ? [figuresTask(store, options.refreshFiguresSeconds * 1000)] : []),
      ];
      // Loaded here only: the OpenTelemetry SDK would add to every other command's start-up.
      const { startTelemetry } = require("@/lib/telemetry/startTelemetry") as typeof import("@/lib/telemetry/startTelemetry");
      const telemetry = await startTelemetry("chargeback-worker");
      const { runWorker, logFor } = workerLoop();
      const total = await withStore(command, async (store) => {
        observePriceSyncAge(() => priceSyncAgeSeconds(store));
        const health = (checks: ReadinessChecks) =>
          options.healthPort === undefined ? undefined : startHealthServer(options.healthPort, options.healthHost, checks, logFor("health"));
        if (!config) {
          const probes = await health({ store: storeCheck(store) });
          return runWorker(store, createDemoTraffic(options.rate), { intervalMs: 1_000, signal, periodic: periodic(store) }).finally(() => probes?.close());
        }
        const identifier = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
        const { createEventHubsClients, runEventHubWorker } = eventHubs();
        const clients = await createEventHubsClients(config, identifier);
        logFor("eventhubs").info(
          { event: "worker.started", identifier, hub: clients.hubName, consumerGroup: clients.consumerGroup },
          `${identifier} consuming ${clients.hubName} (${clients.consumerGroup})`,
        );
        const owned = new Set<string>();
        const probes = await health(eventHubsChecks(store, clients, owned));
        return runEventHubWorker(store, clients, {
          owned,
          diagnostics: { windowMs: config.CHARGEBACK_APIM_JOIN_WINDOW_SECONDS * 1000, appIdHeader: config.CHARGEBACK_APIM_APP_ID_HEADER ?? null },
          maxBatchSize: options.maxBatchSize,
          maxWaitSeconds: options.maxWaitSeconds,
          signal,
          periodic: [...periodic(store), eventHubs().lagTask(store, clients)],
        }).finally(() => probes?.close());
      });
      // What is still buffered is sent, but a slow exporter must not keep a stopping replica up.
      await Promise.race([telemetry.shutdown().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      printJson({ stopped: true, ...total });
      // The SDKs can leave sockets and timers behind after closing: a stopped worker still exits.
      if (config) setTimeout(() => process.exit(), 2_000).unref();
    });

  worker
    .command("lag")
    .description("per partition of the hub: last enqueued and last checkpointed sequence number, and the lag between them")
    .action(async () => {
      const { createEventHubsClients, getPartitionLag } = eventHubs();
      const clients = await createEventHubsClients(eventHubsConfig());
      try {
        printJson(await getPartitionLag(clients));
      } finally {
        await clients.consumer.close();
      }
    });
}
