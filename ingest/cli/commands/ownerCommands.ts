import type { Command } from "commander";
import { importBusinessUnitOwners } from "../../../lib/org/importBusinessUnitOwners";
import { printJson, readText, withStore } from "../context";

export function registerOwnerCommands(program: Command): void {
  const owners = program.command("owners").description("manage who owns (and so may see) each business unit");
  owners
    .command("import")
    .description("import owners from CSV: businessUnit,principalType (user|group),principalId (Entra object id),displayName")
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importBusinessUnitOwners(store, csv, file)));
    });
  owners
    .command("list")
    .description("print the owners of every business unit as JSON lines")
    .action(async (_opts, command: Command) => {
      const list = await withStore(command, (store) => store.listBusinessUnitOwners(), { mustExist: true });
      for (const owner of list) printJson(owner);
    });
}
