import fs from "node:fs";
import { Option, type Command } from "commander";
import { SingleBar } from "cli-progress";
import { z } from "zod";
import { importInvoiceFile } from "@/lib/invoice/importInvoiceFile";
import { getReconciliation } from "@/lib/reconciliation/getReconciliation";
import { getTrueUp } from "@/lib/reconciliation/getTrueUp";
import { reconciliationCsv } from "@/lib/reconciliation/reconciliationCsv";
import { Month } from "@/lib/core/months";
import { assertReadable, printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const ResourcePrefix = z.array(z.string().regex(/^\/subscriptions\//i, "must be an Azure resource id (prefix), /subscriptions/…"));
const ReconcileOptions = z.object({ month: Month, format: z.enum(["json", "csv"]) });
const TrueUpOptions = z.object({ month: Month, unmatched: z.string().trim().min(1, "name a cost center, or pro-rata") });

export function registerInvoiceCommands(program: Command): void {
  const invoice = program.command("invoice").description("the Azure bill, from Cost Management exports");
  invoice
    .command("import")
    .description("import FOCUS (1.0+) or classic actual/amortized cost exports, CSV or gzip'd CSV; the same file again changes nothing")
    .argument("<files...>", "export files")
    .option(
      "--resource <id>",
      "count only this Azure OpenAI resource id, or ids starting with it (repeat for more; default: every token meter)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--supersede", "replace earlier imports of the same resources and months (a fuller month-to-date export)", false)
    .action(async (files: string[], raw: { resource: string[]; supersede: boolean }, command: Command) => {
      const { resource: resources, supersede } = parseOptions(z.object({ resource: ResourcePrefix, supersede: z.boolean() }), raw);
      files.forEach(assertReadable);
      const summaries = await withStore(command, async (store) => {
        const out = [];
        for (const file of files) out.push(await withProgress(file, (onProgress) => importInvoiceFile(store, file, { resources, supersede, onProgress })));
        return out;
      });
      printJson(summaries);
    });
  program
    .command("reconcile")
    .description("the month's bill beside our events, per region, model, deployment type and token kind, with the likely cause of each gap")
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action(async (raw: unknown, command: Command) => {
      const { month, format } = parseOptions(ReconcileOptions, raw);
      const result = await withStore(command, (store) => getReconciliation(store, month), { mustExist: true });
      process.stdout.write(format === "csv" ? reconciliationCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
    });
}

export function registerTrueUpCommand(program: Command): void {
  program
    .command("trueup")
    .description("the month at actual cost: each meter's invoiced cost to the apps charged on it, by their computed cost; units sum to the invoice")
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .option("--unmatched <cost center|pro-rata>", "who carries invoiced cost no usage was charged on", "pro-rata")
    .action(async (raw: unknown, command: Command) => {
      const { month, unmatched } = parseOptions(TrueUpOptions, raw);
      printJson(
        await withStore(command, (store) => getTrueUp(store, month, unmatched === "pro-rata" ? "pro-rata" : { costCenter: unmatched }), { mustExist: true }),
      );
    });
}

/** A progress line on stderr, only on a terminal: scripts and logs get the JSON summary alone. */
async function withProgress<T>(file: string, work: (onProgress?: (bytes: number) => void) => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return work();
  const bar = new SingleBar({ stream: process.stderr, format: `${file} [{bar}] {percentage}% {value}/{total} bytes`, hideCursor: true });
  bar.start(fs.statSync(file).size, 0);
  try {
    return await work((bytes) => bar.update(bytes));
  } finally {
    bar.stop();
  }
}
