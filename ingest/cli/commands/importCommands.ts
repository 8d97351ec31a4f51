import type { Command } from "commander";
import { importOrgMappings } from "@/lib/org/importOrgMappings";
import { importDeployments } from "@/lib/pricing/importDeployments";
import { importDiscounts } from "@/lib/pricing/importDiscounts";
import { importReservations } from "@/lib/pricing/importReservations";
import { importRetailPrices, parseRetailPricePage } from "@/lib/pricing/importRetailPrices";
import { loadConfig } from "@/lib/config/schema";
import { syncRetailPrices } from "@/lib/pricing/syncRetailPrices";
import { importMarkups } from "@/lib/statements/importMarkups";
import { z } from "zod";
import { cliAudit, printJson, readText, withStore } from "../context";
import { parseOptions } from "../parseOptions";
import { registerPriceCatalogCommand } from "./priceCatalogCommand";

const SyncOptions = z.object({
  region: z.array(z.string().regex(/^[a-z0-9]+$/, "must be an armRegionName such as eastus2")),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO code such as USD"),
  reservations: z.boolean(),
});

export function registerImportCommands(program: Command): void {
  const prices = program.command("prices").description("manage the Retail Prices book");
  prices
    .command("sync")
    .description("fetch Azure OpenAI prices from the Azure Retail Prices API (CHARGEBACK_RETAIL_PRICES_URL) and import them whole, or change nothing")
    .option(
      "--region <armRegionName>",
      "only this region (repeat for more; default: every region)",
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option("--currency <code>", "ISO currency; non-USD prices are the API's reference prices", "USD")
    .option("--reservations", "also fetch reservation (provisioned) prices", false)
    .action(async (raw: unknown, command: Command) => {
      const opts = parseOptions(SyncOptions, raw);
      const baseUrl = loadConfig().CHARGEBACK_RETAIL_PRICES_URL;
      const query = { baseUrl, regions: opts.region, currency: opts.currency, reservations: opts.reservations };
      printJson(await withStore(command, (store) => syncRetailPrices(store, query, cliAudit("prices.sync", `chargeback prices sync from ${baseUrl}`))));
    });
  prices
    .command("import")
    .description("import Azure Retail Prices API response files (Items, NextPageLink)")
    .argument("<files...>", "response files")
    .action(async (files: string[], _opts, command: Command) => {
      const items = files.flatMap((file) => parseRetailPricePage(readText(file), file));
      printJson(
        await withStore(command, (store) => importRetailPrices(store, items, cliAudit("prices.import", `chargeback prices import ${files.join(" ")}`))),
      );
    });

  registerPriceCatalogCommand(prices);

  const discounts = program.command("discounts").description("negotiated discounts off list prices");
  discounts
    .command("import")
    .description("import discounts from CSV: family (e.g. gpt-4o, or * for every model),percent,validFrom[,validTo]")
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importDiscounts(store, csv, file, cliAudit("discounts.import", `chargeback discounts import ${file}`))));
    });
  discounts
    .command("list")
    .description("print the discounts as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const d of await withStore(command, (store) => store.listDiscounts(), { mustExist: true })) printJson(d);
    });

  const reservations = program.command("reservations").description("provisioned throughput (PTU) reservations of provisioned deployments");
  reservations
    .command("import")
    .description(
      "import reservations from CSV: deployment,units,price,per (hour|month: the price of one PTU),validFrom[,validTo,currency,idle (share|separate)]",
    )
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(
        await withStore(command, (store) => importReservations(store, csv, file, cliAudit("reservations.import", `chargeback reservations import ${file}`))),
      );
    });
  reservations
    .command("list")
    .description("print the reservations as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const r of await withStore(command, (store) => store.listReservations(), { mustExist: true })) printJson(r);
    });

  const markups = program.command("markups").description("cost-recovery markups and platform fees, each its own statement line");
  markups
    .command("import")
    .description(
      "import markups from CSV: businessUnit (or * for every unit),kind (percent|fee),amount,validFrom[,validTo,currency,costCenter,label]; dates are the 1st of a month",
    )
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(await withStore(command, (store) => importMarkups(store, csv, file, cliAudit("markups.import", `chargeback markups import ${file}`))));
    });
  markups
    .command("list")
    .description("print the markups as JSON lines")
    .action(async (_opts, command: Command) => {
      for (const m of await withStore(command, (store) => store.listMarkups(), { mustExist: true })) printJson(m);
    });

  program
    .command("deployments")
    .description("manage gateway deployments")
    .command("import")
    .description("import deployments from CSV: deployment,model,region,sku")
    .argument("<file>", "CSV file")
    .action(async (file: string, _opts, command: Command) => {
      const csv = readText(file);
      printJson(
        await withStore(command, (store) => importDeployments(store, csv, file, cliAudit("deployments.import", `chargeback deployments import ${file}`))),
      );
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
      printJson(
        await withStore(command, (store) => importOrgMappings(store, csv, file, cliAudit("mappings.import", opts.reason || `chargeback org import ${file}`))),
      );
    });
}
