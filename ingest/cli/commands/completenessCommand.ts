import type { Command } from "commander";
import { loadConfig } from "@/lib/config/schema";
import { z } from "zod";
import { logsAccess } from "@/lib/completeness/logsAccess";
import { Month } from "@/lib/core/months";
import { printJson, withStore } from "../context";
import { EXIT_CHECK_FAILED } from "../exitCodes";
import { parseOptions } from "../parseOptions";

const CompletenessOptions = z.object({ month: Month, workspace: z.string().trim().min(1, "name the Log Analytics workspace id") });

export function registerCompletenessCommand(program: Command): void {
  program
    .command("completeness")
    .description(
      "compares the gateway's token metric (Application Insights, through Azure Monitor Logs) with ingested events per app and day; flags days with events missing",
    )
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .requiredOption(
      "--workspace <id>",
      "the Log Analytics workspace of the Application Insights resource (CHARGEBACK_LOGS_URL, default https://api.loganalytics.io)",
    )
    .action(async (raw: unknown, command: Command) => {
      const { month, workspace } = parseOptions(CompletenessOptions, raw);
      const access = await logsAccess(loadConfig());
      // Loaded when used: the Monitor Logs SDK would add to every command's start-up
      // (require: the bin runs the CLI as CommonJS under tsx, where import() of a .ts file fails).
      const { getCompleteness } = require("@/lib/completeness/getCompleteness") as typeof import("@/lib/completeness/getCompleteness");
      const result = await withStore(command, (store) => getCompleteness(store, month, workspace, access), { mustExist: true });
      printJson(result);
      // Like doctor's failures: a script or a scheduled job can act on missing events.
      if (result.rows.some((r) => r.flag === "events missing")) process.exitCode = EXIT_CHECK_FAILED;
    });
}
