import { previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines, type MonthLines } from "../statements/monthLines";
import type { CallOutcomes } from "./getCallOutcomes";
import type { DailyTrend } from "./getDailyTrend";
import { ALL_UNITS, type ReportScope } from "./reportScope";
import { readScopeCalls, readScopeTrend } from "./storedScopeCalls";
import { unreadLines } from "./unreadLines";

export type MonthView = { lines: MonthLines; previous: MonthLines; trend: DailyTrend; calls: CallOutcomes };

/**
 * What the overview and a unit page show of a month: its lines, the previous month's (for the
 * change), the daily trend and the calls by outcome. Each month is read from the store once, even
 * when the previous month is also the one whose corrections land in this one.
 */
export async function getMonthView(
  reader: LedgerReader,
  month: string,
  scope: ReportScope = ALL_UNITS,
  { lines: read = true }: { lines?: boolean } = {},
): Promise<MonthView> {
  // A view with no filter shows stored figures only: without `lines`, neither month's lines are read (unreadLines.ts).
  const linesOf = (m: string) => (read ? monthLines(reader, m) : unreadLines(m));
  const [lines, previous, trend, calls] = await Promise.all([
    linesOf(month),
    linesOf(previousMonth(month)),
    readScopeTrend(reader, month, scope),
    readScopeCalls(reader, month, scope),
  ]);
  return { lines, previous, trend, calls };
}
