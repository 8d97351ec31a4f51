import path from "node:path";
import { Option, type Command } from "commander";
import { z } from "zod";
import { loadDemoData } from "../../demo/loadDemoData";
import { createDemoTraffic } from "../../sources/demoTraffic";
import { RETAIL_PRICES_URL } from "../../../lib/pricing/retailPricesApi";
import { syncRetailPrices } from "../../../lib/pricing/syncRetailPrices";
import type { UsageStore } from "../../../lib/store/port";
import { runWorker, type PeriodicTask } from "../../worker";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const WorkerOptions = z.object({
  source: z.literal("demo"),
  rate: z.coerce.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000"),
  syncPricesHours: z.coerce.number().min(0, "must be 0 (off) or more"),
});

/** The daily price refresh: a failed sync keeps the last good book and is recorded. */
function priceSyncTask(store: UsageStore, hours: number): PeriodicTask {
  const query = { baseUrl: process.env.CHARGEBACK_RETAIL_PRICES_URL || RETAIL_PRICES_URL, regions: [], currency: "USD", reservations: false };
  return { name: "price sync", everyMs: hours * 3_600_000, run: () => syncRetailPrices(store, query, { actor: "worker", action: "prices.sync", reason: "scheduled refresh" }) };
}

export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description("demo data for the embedded store")
    .command("load")
    .description("load a demo organisation and three months of usage through the real pipeline")
    .option("--if-empty", "do nothing when the store already has usage")
    .option("--dir <dir>", "where to keep the generated files", path.join("data", "demo"))
    .action(async (opts: { ifEmpty?: boolean; dir: string }, command: Command) => {
      await withStore(command, async (store) => {
        if (opts.ifEmpty && (await store.getUsageDayRange())) {
          printJson({ skipped: "the store already has usage" });
          return;
        }
        printJson(await loadDemoData(store, opts.dir));
      });
    });

  program
    .command("worker")
    .description("run the ingest worker until SIGINT or SIGTERM")
    .addOption(new Option("--source <source>", "where events come from").choices(["demo"]).default("demo"))
    .option("--rate <events>", "demo events per second", "5")
    .option("--sync-prices-hours <hours>", "refresh prices from the Retail Prices API this often (0: never)", "0")
    .action(async (raw: unknown, command: Command) => {
      const { rate, syncPricesHours } = parseOptions(WorkerOptions, raw);
      const stop = new AbortController();
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
      const total = await withStore(command, (store) =>
        runWorker(store, createDemoTraffic(rate), {
          intervalMs: 1_000,
          signal: stop.signal,
          periodic: syncPricesHours > 0 ? [priceSyncTask(store, syncPricesHours)] : [],
        }),
      );
      printJson({ stopped: true, ...total });
    });
}
