import { Option, type Command } from "commander";
import { z } from "zod";
import { chargebackHeader, chargebackRows } from "../../../lib/exports/chargebackRangeCsv";
import { getChargebackReport, REPORT_DIMENSIONS, ReportDimension } from "../../../lib/reports/getChargebackReport";
import { Month } from "../../../lib/reports/month";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { parseOptions } from "../parseOptions";
import { withStore } from "../context";

const ReportOptions = z.object({ month: Month, by: ReportDimension, format: z.enum(["json", "csv"]) });

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("the month's chargeback by business unit, cost center, app or model")
    .requiredOption("--month <YYYY-MM>", "UTC calendar month")
    .addOption(new Option("--by <dimension>", "how to group").choices(REPORT_DIMENSIONS).default("business-unit"))
    .addOption(new Option("--format <format>", "output format").choices(["json", "csv"]).default("json"))
    .action(async (raw: unknown, command: Command) => {
      const { month, by, format } = parseOptions(ReportOptions, raw);
      const output = await withStore(
        command,
        async (store) => (format === "csv" ? chargebackHeader() + (await chargebackRows(store, month, by, ALL_UNITS)) : `${JSON.stringify(await getChargebackReport(store, month, by), null, 2)}\n`),
        { mustExist: true },
      );
      process.stdout.write(output);
    });
}
