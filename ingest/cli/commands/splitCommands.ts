import { Option, type Command } from "commander";
import { z } from "zod";
import { importSplitRules, splitRulesCsv } from "@/lib/allocation/splitRulesCsv";
import { cliAudit, printJson, readText, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const ExportOptions = z.object({ format: z.enum(["csv", "json"]) });

export function registerSplitCommands(program: Command): void {
  const splits = program.command("splits").description("split rules: an app, a deployment or a monthly overhead divided among cost centers");
  splits
    .command("import")
    .description(
      "import split rules from CSV, a row per cost center: rule,method (fixed|even|share),costCenter,businessUnit,validFrom[,appId|deployment|amount,basis (tokens|cost|tag:<key>),percent,tagValue,validTo]; all or nothing",
    )
    .argument("<file>", "CSV file")
    .option("--reason <text>", "why, for the audit log", "")
    .action(async (file: string, opts: { reason: string }, command: Command) => {
      const csv = readText(file);
      printJson(
        await withStore(command, (store) => importSplitRules(store, csv, file, cliAudit("splits.import", opts.reason || `chargeback splits import ${file}`))),
      );
    });
  splits
    .command("export")
    .description("print every split rule in the import's CSV format (or as JSON lines)")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action(async (raw: unknown, command: Command) => {
      const { format } = parseOptions(ExportOptions, raw);
      const rules = await withStore(command, (store) => store.listSplitRules(), { mustExist: true });
      if (format === "csv") process.stdout.write(splitRulesCsv(rules));
      else rules.forEach(printJson);
    });
  splits
    .command("list")
    .description("print the split rules as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const r of await withStore(command, (store) => store.listSplitRules(), { mustExist: true })) printJson(r);
    });
}
