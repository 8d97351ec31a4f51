import os from "node:os";
import type { Command } from "commander";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices, parseRetailPricePage } from "../../../lib/pricing/importRetailPrices";
import { printJson, readText, withStore } from "../context";

/** Changes made from the CLI are audited as the operating-system user who ran it. */
const cliAudit = (action: string, reason: string) => ({ actor: `${os.userInfo().username} (cli)`, action, reason });

export function registerImportCommands(program: Command): void {
  program
    .command("prices")
    .description("manage the Retail Prices book")
    .command("import")
    .description("import Azure Retail Prices API response files (Items, NextPageLink)")
    .argument("<files...>", "response files")
    .action(async (files: string[], _opts, command: Command) => {
      const items = files.flatMap((file) => parseRetailPricePage(readText(file), file));
      printJson(await withStore(command, (store) => importRetailPrices(store, items, cliAudit("prices.import", `chargeback prices import ${files.join(" ")}`))));
    });

  program
    .command("deployments")
    .description("manage gateway deployments")
    .command("import")
    .description("import deployments from CSV: deployment,model,region,sku")
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importDeployments(store, csv, file, cliAudit("deployments.import", `chargeback deployments import ${file}`))));
    });

  program
    .command("org")
    .description("manage app → cost center → business unit mappings")
    .command("import")
    .description("import mappings from CSV: appId,costCenter,businessUnit,validFrom[,validTo]; overlaps and gaps refuse the file")
    .argument("<file>", "CSV file")
    .option("--reason <text>", "why, for the audit log", "")
    .action(async (file: string, opts: { reason: string }, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importOrgMappings(store, csv, file, cliAudit("mappings.import", opts.reason || `chargeback org import ${file}`))));
    });
}
