import { Option, type Command } from "commander";
import { z } from "zod";
import { type CatalogRow, listPriceCatalog } from "@/lib/pricing/priceCatalog";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

const CatalogOptions = z.object({
  region: z
    .string()
    .regex(/^[a-z0-9]+$/, "must be an armRegionName such as eastus2")
    .optional(),
  format: z.enum(["json", "table"]),
});

/** `prices catalog`: every imported meter, priced or skipped with the reason. */
export function registerPriceCatalogCommand(prices: Command): void {
  prices
    .command("catalog")
    .description("list every imported meter: what it prices (model, deployment type, tier, token kind) or why it is skipped")
    .option("--region <armRegionName>", "only this region")
    .addOption(new Option("--format <format>", "output format").choices(["json", "table"]).default("table"))
    .action(async (raw: unknown, command: Command) => {
      const opts = parseOptions(CatalogOptions, raw);
      const rows = await withStore(command, async (store) => listPriceCatalog(await store.listRetailPrices(), opts.region), { mustExist: true });
      if (opts.format === "json") printJson(rows);
      else process.stdout.write(toTable(rows));
    });
}

const COLUMNS = ["status", "region", "productName", "meterName", "unitOfMeasure", "model", "sku", "tier", "context", "kind", "reason"] as const;

function toTable(rows: CatalogRow[]): string {
  const lines = [COLUMNS.join("\t"), ...rows.map((r) => COLUMNS.map((c) => r[c] ?? "").join("\t"))];
  const priced = rows.filter((r) => r.status === "priced").length;
  return `${lines.join("\n")}\n${rows.length} meters: ${priced} priced, ${rows.length - priced} skipped\n`;
}
