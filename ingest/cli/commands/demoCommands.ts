import path from "node:path";
import { Option, type Command } from "commander";
import { z } from "zod";
import { loadDemoData } from "../../demo/loadDemoData";
import { createDemoTraffic } from "../../sources/demoTraffic";
import { runWorker } from "../../worker";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const WorkerOptions = z.object({
  source: z.literal("demo"),
  rate: z.coerce.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000"),
});

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
    .action(async (raw: unknown, command: Command) => {
      const { rate } = parseOptions(WorkerOptions, raw);
      const stop = new AbortController();
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
      const total = await withStore(command, (store) =>
        runWorker(store, createDemoTraffic(rate), { intervalMs: 1_000, signal: stop.signal }),
      );
      printJson({ stopped: true, ...total });
    });
}
