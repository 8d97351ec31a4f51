import { InvalidArgumentError, Option, type Command } from "commander";
import { z } from "zod";
import { chargebackHeader, chargebackRows } from "../../../lib/exports/chargebackRangeCsv";
import { dimensionCsv } from "../../../lib/exports/dimensionCsv";
import { getChargebackReport, REPORT_DIMENSIONS, ReportDimension } from "../../../lib/reports/getChargebackReport";
import { EventDimension, getDimensionReport, isEventDimension } from "../../../lib/reports/getDimensionReport";
import { Month } from "../../../lib/core/months";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import type { UsageStore } from "../../../lib/store/port";
import { parseOptions } from "../parseOptions";
import { withStore } from "../context";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const ReportBy = z.union([ReportDimension, EventDimension]);
const ReportOptions = z.object({ month: Month, by: ReportBy, format: z.enum(["json", "csv"]) });
const BY_HELP = `${REPORT_DIMENSIONS.join(", ")}, tag:<key> or end-user`;

function parseBy(value: string): string {
  if (!ReportBy.safeParse(value).success) throw new InvalidArgumentError(`Allowed: ${BY_HELP}.`);
  return value;
}

async function reportText(store: UsageStore, month: string, by: z.infer<typeof ReportBy>, format: "json" | "csv"): Promise<string> {
  const reader = new LedgerReader(store);
  if (isEventDimension(by)) {
    const r = await getDimensionReport(reader, month, by as EventDimension);
    if (format === "json") return `${JSON.stringify(r, null, 2)}\n`;
    return dimensionCsv(r);
  }
  const dimension = by as ReportDimension;
  return format === "csv"
    ? chargebackHeader() + (await chargebackRows(reader, month, dimension, ALL_UNITS))
    : `${JSON.stringify(await getChargebackReport(reader, month, dimension), null, 2)}\n`;
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("the month's chargeback by business unit, cost center, app, model, tag or end user")
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .addOption(new Option("--by <dimension>", `how to group: ${BY_HELP}`).argParser(parseBy).default("business-unit"))
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action(async (raw: unknown, command: Command) => {
      const { month, by, format } = parseOptions(ReportOptions, raw);
      const output = await withStore(command, (store) => reportText(store, month, by, format), { mustExist: true });
      process.stdout.write(output);
    });
}
