import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines } from "../statements/monthLines";
import { getSplitLines, type SplitLine } from "./getSplitLines";
import { storedReports } from "./storedReports";

/**
 * A unit's split-rule lines of the month (getSplitLines), stored with the month's reports per unit,
 * so its page reads them instead of the month's lines.
 */
export async function readSplitLines(reader: LedgerReader, month: string, businessUnit: string): Promise<SplitLine[]> {
  const build = async () => getSplitLines((await monthLines(reader, month)).lines, businessUnit);
  return storedReports(reader, month).part(`splitLines:${JSON.stringify(businessUnit)}`, build);
}
