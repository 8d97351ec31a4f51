import { Option, type Command } from "commander";
import { z } from "zod";
import { budgetsCsv } from "@/lib/budgets/budgetsCsv";
import { getBudgetStatus } from "@/lib/budgets/budgetStatus";
import { importBudgets, OPERATOR } from "@/lib/budgets/importBudgets";
import { currentMonth } from "@/lib/core/clock";
import { Month } from "@/lib/core/months";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { reportCurrency } from "@/lib/pricing/loadPricer";
import { cliAudit, printJson, readText, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const ExportOptions = z.object({ format: z.enum(["csv", "json"]) });
const StatusOptions = z.object({ month: Month.optional() });

export function registerBudgetCommands(program: Command): void {
  const budgets = program.command("budgets").description("monthly budgets per business unit, cost center, app or tag value, with thresholds and a forecast");
  budgets
    .command("import")
    .description(
      "import budgets from CSV: scope (business-unit:<name>|cost-center:<id>|app:<appId>|tag:<key>=<value>),amount,validFrom[,validTo,currency,thresholds (50;80;100;forecast:100),notify (e-mails and webhook:<name>, ; between),hard (true|false)]; all or nothing",
    )
    .argument("<file>", "CSV file")
    .option("--reason <text>", "why, for the audit log", "")
    .action(async (file: string, opts: { reason: string }, command: Command) => {
      const csv = readText(file);
      const audit = cliAudit("budgets.import", opts.reason || `chargeback budgets import ${file}`);
      printJson(await withStore(command, (store) => importBudgets(store, csv, file, reportCurrency(), OPERATOR, audit)));
    });
  budgets
    .command("export")
    .description("print every budget in the import's CSV format (or as JSON lines)")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action(async (raw: unknown, command: Command) => {
      const { format } = parseOptions(ExportOptions, raw);
      const list = await withStore(command, (store) => store.listBudgets(), { mustExist: true });
      if (format === "csv") process.stdout.write(budgetsCsv(list));
      else list.forEach(printJson);
    });
  budgets
    .command("list")
    .description("print the budgets as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const b of await withStore(command, (store) => store.listBudgets(), { mustExist: true })) printJson(b);
    });
  budgets
    .command("status")
    .description("print each budget in effect in the month with its actual cost, month-end forecast and thresholds crossed (JSON)")
    .option("--month <YYYY-MM>", "the month (default: this month, UTC)")
    .action(async (raw: unknown, command: Command) => {
      const { month = currentMonth() } = parseOptions(StatusOptions, raw);
      const status = await withStore(command, async (store) => getBudgetStatus(new LedgerReader(store), await store.listBudgets(), month), { mustExist: true });
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    });
}
