import type { Command } from "commander";
import { loadConfig } from "@/lib/config/schema";
import { z } from "zod";
import { UserError } from "@/lib/core/errors";
import { graphOptions } from "@/lib/identity/graphAccess";
import { DEFAULT_REFRESH_MS, syncDirectory } from "@/lib/identity/syncDirectory";
import { printJson, withStore } from "../context";
import { EXIT_CHECK_FAILED } from "../exitCodes";
import { parseOptions } from "../parseOptions";

export function registerAppCommands(program: Command): void {
  const apps = program.command("apps").description("the app directory: names and owners from Microsoft Graph");
  apps
    .command("sync")
    .description("look up app ids seen in usage in Microsoft Graph (CHARGEBACK_GRAPH_URL); only those never looked up or older than --refresh-hours")
    .option("--refresh-hours <hours>", "look again at entries older than this", String(DEFAULT_REFRESH_MS / 3_600_000))
    .action(async (raw: { refreshHours: string }, command: Command) => {
      const { refreshHours } = parseOptions(z.object({ refreshHours: z.coerce.number().min(0, "must be 0 or more") }), raw);
      const options = await graphOptions(loadConfig());
      // Loaded when used: the Graph client would add to every command's start-up
      // (require: the bin runs the CLI as CommonJS under tsx, where import() of a .ts file fails).
      const { lookUpApps } = require("@/lib/identity/graphDirectory") as typeof import("@/lib/identity/graphDirectory");
      const summary = await withStore(command, async (store) => {
        try {
          return await syncDirectory(store, (ids) => lookUpApps(ids, options), { refreshAfterMs: refreshHours * 3_600_000 });
        } catch (error) {
          if (error instanceof UserError) throw error;
          // Graph being away costs only names: usage is counted and attributed regardless.
          throw new UserError(
            `Microsoft Graph at ${options.baseUrl} did not answer (${(error as Error).message}); nothing changed, names fill in at the next sync`,
          );
        }
      });
      printJson(summary);
      if (summary.notReached > 0) {
        const ids = `${summary.notReached} app id${summary.notReached === 1 ? "" : "s"}`;
        process.stderr.write(`chargeback: ${ids} could not be looked up (Graph kept throttling or failing); run \`chargeback apps sync\` again later\n`);
        process.exitCode = EXIT_CHECK_FAILED;
      }
    });
  apps
    .command("list")
    .description("print the directory entries as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const entry of await withStore(command, (store) => store.listDirectoryEntries(), { mustExist: true })) printJson(entry);
    });
}
