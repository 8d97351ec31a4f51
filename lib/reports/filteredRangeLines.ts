import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { filterLines } from "./filterLines";
import { joinMonths } from "./rangeLines";
import type { ReportFilters } from "./reportFilters";

/**
 * A period's lines narrowed to the filters, month by month before they are joined: a tag's share
 * of a line is known per month (its live usage that month), so a tag filter cannot apply to lines
 * already joined across months.
 */
export async function filteredRangeLines(reader: LedgerReader, months: readonly string[], filters: ReportFilters): Promise<MonthLines> {
  const each = await Promise.all(months.map(async (m) => filterLines(reader, await monthLines(reader, m), filters)));
  return joinMonths(months, each);
}
