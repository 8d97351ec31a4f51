import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { statementFile } from "@/lib/statements/statementFiles";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const Options = z.object({
  month: Month,
  businessUnit: z.string().trim().min(1).max(200).optional(),
  all: z.boolean(),
  format: z.enum(["pdf", "csv", "json"], { error: "must be pdf, csv or json" }),
  out: z.string().min(1),
});

export function registerStatementCommand(program: Command): void {
  program
    .command("statement")
    .description("write a closed month's statement to send: one unit's PDF (or CSV, JSON), or --all for the ZIP of every unit's PDF")
    .requiredOption("--month <YYYY-MM>", "a closed month (UTC)")
    .option("--business-unit <name>", "the unit whose statement to write")
    .option("--all", "every unit's statement PDF in one ZIP, with an index", false)
    .option("--format <pdf|csv|json>", "the statement's format", "pdf")
    .option("--out <dir>", "the folder to write into (made if missing)", ".")
    .action(async (opts: Record<string, unknown>, command: Command) => {
      const { out, ...request } = parseOptions(Options, opts);
      const file = await withStore(command, (store) => statementFile(store, request), { mustExist: true });
      const target = path.join(out, file.name);
      try {
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(target, file.content);
      } catch (error) {
        throw new UserError(`cannot write ${target}: ${(error as Error).message}`);
      }
      printJson({ month: request.month, file: target, bytes: file.content.length });
    });
}
