import { stringify } from "csv-stringify/sync";
import { Option, type Command } from "commander";
import { z } from "zod";
import { getChargebackReport, REPORT_DIMENSIONS, ReportDimension, type ChargebackReport } from "../../../lib/reports/getChargebackReport";
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
      process.stdout.write(format === "csv" ? toCsv(report) : `${JSON.stringify(report, null, 2)}\n`);
    });
}

/** Rows, then the unmapped usage as its own line, so the cost column sums to the total. */
function toCsv(report: ChargebackReport): string {
  const header = ["key", "name", "cost", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens"];
  const rows = report.rows.map((r) => [r.key, r.name, r.cost, r.requests, r.promptTokens, r.cachedTokens, r.completionTokens, r.totalTokens]);
  if (report.unmapped.requests > 0) rows.push(["(unmapped)", "Unmapped apps", report.unmapped.cost, report.unmapped.requests, "", "", "", ""]);
  return stringify([header, ...rows]);
}
