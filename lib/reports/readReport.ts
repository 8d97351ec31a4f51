import type { LedgerReader } from "../ledger/ledgerReader";
import { type ChargebackReport, type ReportDimension, reportFromRows } from "./reportRows";
import { ALL_UNITS, type ReportScope } from "./reportScope";
import { readReportRows } from "./storedReports";

/** The month's report by one dimension in a scope from its stored rows, as reportFromLines gives it from its lines, with no calls by outcome. */
export const readReport = async (reader: LedgerReader, month: string, by: ReportDimension, scope: ReportScope = ALL_UNITS): Promise<ChargebackReport> =>
  reportFromRows(await readReportRows(reader, month, by), scope);
