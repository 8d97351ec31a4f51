import type { Command } from "commander";
import { HOURLY_DAYS, compactRollups } from "@/lib/retention/rollupCompaction";
import { printJson, withStore } from "../context";

export function registerCompactCommand(program: Command): void {
  program
    .command("compact-rollups")
    .description(
      `fold hourly rollups older than ${HOURLY_DAYS} days into one row per app, deployment and day (provisioned and reserved deployments stay hourly); no report's figures change (the worker does this daily)`,
    )
    .option("--dry-run", "count the hourly rows that would be folded, change nothing", false)
    .action(async (opts: { dryRun: boolean }, command: Command) => {
      printJson(await withStore(command, (store) => compactRollups(store, { dryRun: opts.dryRun }), { mustExist: true }));
    });
}
