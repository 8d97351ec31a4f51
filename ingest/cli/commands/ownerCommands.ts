import { listAuditTrail } from "@/lib/statements/auditTrail";
import type { Command } from "commander";
import { importBusinessUnitOwners } from "@/lib/org/importBusinessUnitOwners";
import { z } from "zod";
import { cliAudit, printJson, readText, withStore } from "../context";
import { parseOptions } from "../parseOptions";

export function registerOwnerCommands(program: Command): void {
  const owners = program.command("owners").description("manage who owns (and so may see) each business unit");
  owners
    .command("import")
    .description("import owners from CSV: businessUnit,principalType (user|group),principalId (Entra object id),displayName")
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importBusinessUnitOwners(store, csv, file, cliAudit("owners.import", `chargeback owners import ${file}`))));
    });
  program
    .command("audit")
    .description("the audit log of admin changes and month closes and reopens, newest first, as JSON lines")
    .option("--limit <n>", "how many entries", "100")
    .action(async (opts: { limit: string }, command: Command) => {
      const { limit } = parseOptions(z.object({ limit: z.coerce.number().int().min(1).max(100_000) }), opts);
      for (const entry of await withStore(command, (store) => listAuditTrail(store, limit), { mustExist: true }))
        printJson({ ...entry, at: new Date(entry.at).toISOString() });
    });
  owners
    .command("list")
    .description("print the owners of every business unit as JSON lines")
    .action(async (_opts, command: Command) => {
      const list = await withStore(command, (store) => store.listBusinessUnitOwners(), { mustExist: true });
      for (const owner of list) printJson(owner);
    });
}
