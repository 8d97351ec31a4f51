import { UserError } from "../core/errors";
import type { LedgerReader } from "../ledger/ledgerReader";
import { filteredRangeLines } from "./filteredRangeLines";
import { reportFromLines, type ChargebackReport, type ReportDimension, type ReportRow } from "./getChargebackReport";
import { pageRows } from "./pageRows";
import type { ReportFilters, ReportQuery } from "./reportFilters";
import { boundedMonth, describeRefusal, resolveRange, type MonthBounds } from "./reportRange";
import type { ReportScope } from "./reportScope";

export type FilteredReport = Omit<ChargebackReport, "rows"> & {
  period: { kind: ReportQuery["range"]; from: string; to: string; months: string[] };
  filters: ReportFilters;
  rows: ReportRow[];
  paging: { q: string; page: number; pages: number; matched: number; pageSize: number };
};

/**
 * The report API's answer: a period (a month, its quarter or year to date, or from..to) within the
 * months with data, its lines filtered by unit, cost center, app, model and a tag, by one
 * dimension, within the caller's scope; rows searched by `q` and paged. A month outside the data
 * is refused with a sentence, never answered with zeros.
 */
export async function getFilteredReport(
  reader: LedgerReader,
  query: ReportQuery,
  by: ReportDimension,
  scope: ReportScope,
  bounds: MonthBounds,
  pageSize = 50,
): Promise<FilteredReport> {
  for (const asked of [query.month, query.custom?.from, query.custom?.to]) {
    const { refused } = boundedMonth(asked, bounds);
    // A custom period may start before the data (it is clipped), not end after today.
    if (refused && !(refused.reason === "before-data" && asked === query.custom?.from))
      throw new UserError(describeRefusal(refused, bounds.current, bounds).replace(/; showing .*$/, "."));
  }
  const month = query.month ?? bounds.current;
  const range = resolveRange(query.range, month, bounds, query.custom);
  const lines = await filteredRangeLines(reader, range.months, query.filters);
  const { rows, ...report } = reportFromLines(lines, by, scope);
  const page = pageRows(rows, query.q, query.page, pageSize);
  return {
    ...report,
    period: { kind: range.kind, from: range.from, to: range.to, months: range.months },
    filters: query.filters,
    rows: page.rows,
    paging: { q: query.q, page: page.page, pages: page.pages, matched: page.matched, pageSize },
  };
}
