import type { Command } from "commander";
import { HOURLY_DAYS, TOP_END_USERS, compactRollups } from "@/lib/retention/rollupCompaction";
import { printJson, withStore } from "../context";

export function registerCompactCommand(program: Command): void {
  program
    .command("compact-rollups")
    .description(
      `compact rollups older than ${HOURLY_DAYS} days: hours into one row per app, deployment and day (provisioned and reserved deployments stay hourly), end users past the ${TOP_END_USERS} busiest of an app-day into "(other end users)"; no total changes (the worker does this daily)`,
    )
    .option("--dry-run", "count the rows that would be folded, change nothing", false)
    .action(async (opts: { dryRun: boolean }, command: Command) => {
      printJson(await withStore(command, (store) => compactRollups(store, { dryRun: opts.dryRun }), { mustExist: true }));
    });
}
