import type { Command } from "commander";
import { purgeRawData } from "@/lib/retention/retention";
import { printJson, withStore } from "../context";

export function registerPurgeCommand(program: Command): void {
  program
    .command("purge")
    .description(
      "delete raw events and quarantined lines older than CHARGEBACK_RETENTION_DAYS; rollups, statements and the audit log stay, so no report changes",
    )
    .option("--dry-run", "count what would be deleted, delete nothing", false)
    .action(async (opts: { dryRun: boolean }, command: Command) => {
      printJson(await withStore(command, (store) => purgeRawData(store, { dryRun: opts.dryRun }), { mustExist: true }));
    });
}
