import { InvalidArgumentError, Option, type Command } from "commander";
import { z } from "zod";
import { chargebackHeader, chargebackRows } from "@/lib/exports/chargebackRangeCsv";
import { dimensionCsv } from "@/lib/exports/dimensionCsv";
import { getChargebackReport, REPORT_DIMENSIONS, ReportDimension } from "@/lib/reports/getChargebackReport";
import { EventDimension, getDimensionReport, isEventDimension } from "@/lib/reports/getDimensionReport";
import { Month } from "@/lib/core/months";
import { ALL_UNITS, onlyUnits } from "@/lib/reports/reportScope";
import { explainChange } from "@/lib/reports/explainChange";
import { previousMonth } from "@/lib/core/months";
import { UserError } from "@/lib/core/errors";
import type { UsageStore } from "@/lib/store/port";
import { parseOptions } from "../parseOptions";
import { withStore } from "../context";
import { LedgerReader } from "@/lib/ledger/ledgerReader";

const ReportBy = z.union([ReportDimension, EventDimension]);
const ReportOptions = z.object({
  month: Month,
  by: ReportBy,
  format: z.enum(["json", "csv"]),
  explain: z.boolean().default(false),
  businessUnit: z.string().trim().min(1, "must name a business unit").optional(),
});
type ReportOptions = z.infer<typeof ReportOptions>;
const BY_HELP = `${REPORT_DIMENSIONS.join(", ")}, tag:<key> or end-user`;

function parseBy(value: string): string {
  if (!ReportBy.safeParse(value).success) throw new InvalidArgumentError(`Allowed: ${BY_HELP}.`);
  return value;
}

async function reportText(store: UsageStore, { month, by, format, explain, businessUnit }: ReportOptions): Promise<string> {
  const reader = new LedgerReader(store);
  const scope = businessUnit ? onlyUnits([businessUnit]) : ALL_UNITS;
  if (explain) {
    const change = await explainChange(reader, month, scope);
    if (!change) throw new UserError(`${month} and ${previousMonth(month)} are in different currencies: they are not compared`);
    return `${JSON.stringify(change, null, 2)}\n`;
  }
  if (isEventDimension(by)) {
    const r = await getDimensionReport(reader, month, by as EventDimension, { scope });
    if (format === "json") return `${JSON.stringify(r, null, 2)}\n`;
    return dimensionCsv(r);
  }
  const dimension = by as ReportDimension;
  return format === "csv"
    ? chargebackHeader() + (await chargebackRows(reader, month, dimension, scope))
    : `${JSON.stringify(await getChargebackReport(reader, month, dimension, scope), null, 2)}\n`;
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("the month's chargeback by business unit, cost center, app, model, tag or end user")
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .addOption(new Option("--by <dimension>", `how to group: ${BY_HELP}`).argParser(parseBy).default("business-unit"))
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .option("--business-unit <name>", "only this business unit's numbers")
    .option("--explain", "why the month's cost differs from the previous month's: volume, price, model mix, new and gone apps, moves, corrections, fees (JSON)")
    .action(async (raw: unknown, command: Command) => {
      const options = parseOptions(ReportOptions, raw);
      const output = await withStore(command, (store) => reportText(store, options), { mustExist: true });
      process.stdout.write(output);
    });
}
