import path from "node:path";
import type { Command } from "commander";
import { loadDemoData } from "../../worker/demo/loadDemoData";
import { z } from "zod";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description("demo data for the embedded store")
    .command("load")
    .description("load a demo organisation and three months of usage through the real pipeline")
    .option("--if-empty", "do nothing when the store already has usage")
    .option("--dir <dir>", "where to keep the generated files", path.join("data", "demo"))
    .option("--per-day <n>", "calls on a weekday (weekends have about a third)", "1500")
    .action(async (raw: { ifEmpty?: boolean; dir: string; perDay: string }, command: Command) => {
      const opts = parseOptions(
        z.object({
          ifEmpty: z.boolean().optional(),
          dir: z.string(),
          perDay: z.coerce
            .number({ error: "must be a whole number" })
            .int("must be a whole number")
            .min(1, "must be at least 1")
            .max(100_000, "must be at most 100000"),
        }),
        raw,
      );
      await withStore(command, async (store) => {
        if (opts.ifEmpty && (await store.getUsageDayRange())) {
          printJson({ skipped: "the store already has usage" });
          return;
        }
        printJson(await loadDemoData(store, opts.dir, undefined, opts.perDay));
      });
    });
}
