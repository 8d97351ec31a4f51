import type { LedgerReader } from "../ledger/ledgerReader";
import type { ReportDimension } from "./reportRows";
import { ALL_UNITS, type ReportScope, scopeKey } from "./reportScope";
import { getReportWithChanges, type ReportWithChanges, storedReports } from "./storedReports";

/**
 * getReportWithChanges stored per dimension and scope with the month's reports: the finished
 * tables (amounts as decimal strings, no bigint) are one small JSON read, where adding up the
 * three sides' rows per unit took most of a page at 5,000 apps. Built from those stored rows by
 * the first view of a scope (the figures refresh builds every unit's).
 */
export async function readReportWithChanges(
  reader: LedgerReader,
  month: string,
  by: ReportDimension,
  scope: ReportScope = ALL_UNITS,
): Promise<ReportWithChanges> {
  const build = () => getReportWithChanges(reader, month, by, scope);
  // Shared: kept decoded in the process while current (the overview's 5,000-app table is ~3 MB of JSON); callers only read it.
  return storedReports(reader, month).part(`withChanges:${by}:${scopeKey(scope)}`, build, undefined, undefined, { shared: true });
}
