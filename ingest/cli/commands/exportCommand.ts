import fs from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { focusHeader, focusRows } from "@/lib/exports/focusCsv";
import { focusMetadata } from "@/lib/exports/focusMetadata";
import { MonthRange } from "@/lib/exports/monthRange";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { ALL_UNITS, onlyUnits } from "@/lib/reports/reportScope";
import { withStore } from "../context";
import { parseOptions } from "../parseOptions";

// The range as the web export reads it (at most 36 months, from not after to), with the CLI's flags.
const ExportFocusOptions = z
  .object({ from: z.string(), to: z.string().optional(), businessUnit: z.string().trim().min(1, "is empty").optional(), metadata: z.string().optional() })
  .transform(({ from, to, ...rest }, ctx) => {
    const range = MonthRange.safeParse({ from, to });
    if (range.success) return { months: range.data, ...rest };
    for (const issue of range.error.issues) ctx.addIssue({ code: "custom", path: issue.path.length > 0 ? issue.path : ["from"], message: issue.message });
    return z.NEVER;
  });

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("exports for other tools")
    .command("focus")
    .description("the months' chargeback as FOCUS 1.2 CSV on stdout, a month at a time (docs/focus.md)")
    .requiredOption("--from <YYYY-MM>", "first UTC calendar month")
    .option("--to <YYYY-MM>", "last month (default: --from; at most 36 months)")
    .option("--business-unit <name>", "only this business unit's lines")
    .option("--metadata <file>", "also write the export's FOCUS metadata (JSON) to this file")
    .action(async (raw: unknown, command: Command) => {
      const { months, businessUnit, metadata } = parseOptions(ExportFocusOptions, raw);
      if (metadata) fs.writeFileSync(metadata, `${JSON.stringify(focusMetadata(), null, 2)}\n`);
      const scope = businessUnit ? onlyUnits([businessUnit]) : ALL_UNITS;
      await withStore(
        command,
        async (store) => {
          const reader = new LedgerReader(store);
          process.stdout.write(focusHeader());
          for (const month of months) process.stdout.write(await focusRows(reader, month, scope));
        },
        { mustExist: true },
      );
    });
}
