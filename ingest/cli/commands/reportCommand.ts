import { Option, type Command } from "commander";
import { z } from "zod";
import { chargebackCsv } from "../../../lib/reports/chargebackCsv";
import { getChargebackReport, REPORT_DIMENSIONS, ReportDimension } from "../../../lib/reports/getChargebackReport";
import { Month } from "../../../lib/reports/month";
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
      const report = await withStore(command, (store) => getChargebackReport(store, month, by), { mustExist: true });
      process.stdout.write(format === "csv" ? chargebackCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
    });
}
