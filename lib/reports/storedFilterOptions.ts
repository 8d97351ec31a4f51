import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines } from "../statements/monthLines";
import { type FilterOptions, filterOptions } from "./filterOptions";
import { ALL_UNITS, type ReportScope, scopeKey } from "./reportScope";
import { storedReports } from "./storedReports";

/**
 * The filter bar's options for the month in a scope, stored with the month's reports (whose
 * stamp covers everything its lines are built from), so a view reads a small part instead of
 * the month's lines.
 */
export async function readFilterOptions(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<FilterOptions> {
  const build = async () => filterOptions(await monthLines(reader, month), scope);
  // Shared: kept decoded in the process while current (every scope's holds its apps: 5,000 for the overview); callers only read it.
  return storedReports(reader, month).part(`filterOptions:${scopeKey(scope)}`, build, undefined, undefined, { shared: true });
}
