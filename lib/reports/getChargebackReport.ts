import type { LedgerReader } from "../ledger/ledgerReader";
import type { MonthLines } from "../statements/monthLines";
import { readScopeCalls } from "./storedScopeCalls";
import { type ChargebackReport, type ReportDimension, reportFromRows, reportRowsOf } from "./reportRows";
import { ALL_UNITS, type ReportScope } from "./reportScope";
import { readReportRows } from "./storedReports";

export { FEES_ROW, REPORT_DIMENSIONS, ReportDimension } from "./reportRows";
export type { Adjustment, ChargebackReport, ReportRow } from "./reportRows";

/**
 * The month's cost by business unit, cost center, app or model. An open month is priced and
 * attributed as of now, plus corrections to earlier closed months that land in it; a closed month
 * is its frozen statement. Rows count the month's own requests and tokens; their cost includes
 * corrections. Rows plus unmapped equal the total, to the cent. A scoped report holds only its
 * units' lines: no other unit's numbers, no unmapped apps. Read from the month's stored report
 * rows (storedReports.ts), built from its lines when stale.
 */
export async function getChargebackReport(reader: LedgerReader, month: string, by: ReportDimension, scope: ReportScope = ALL_UNITS): Promise<ChargebackReport> {
  const report = reportFromRows(await readReportRows(reader, month, by), scope);
  return report.closed ? report : { ...report, calls: await readScopeCalls(reader, month, scope) };
}

/** The report of a month whose lines are already at hand: a page showing several views reads them once. */
export function reportFromLines(lines: MonthLines, by: ReportDimension, scope: ReportScope = ALL_UNITS): ChargebackReport {
  return reportFromRows(reportRowsOf(lines, by), scope);
}
