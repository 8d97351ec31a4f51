import path from "node:path";
import type { Command } from "commander";
import { loadDemoData } from "../../demo/loadDemoData";
import { printJson, withStore } from "../context";

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
}
