import { attoToCents, formatCents } from "../core/money";
import type { LedgerReader } from "../ledger/ledgerReader";
import { adjustmentsFromUsage, landingMonth } from "../statements/adjustments";
import { monthUsageLines } from "../statements/monthUsageLines";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";

/** Corrections to a closed month not booked yet: what they come to, and the open month they will land in. */
export type PendingCorrections = { landing: string; cost: string; lines: number };

/**
 * What a closed month's usage costs now less everything frozen for it, within the scope: the
 * corrections the first open month after it will book (late events, mapping or price fixes since
 * the close). Null for an open month, or when nothing is pending.
 */
export async function getPendingCorrections(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<PendingCorrections | null> {
  const { closedMonths, charges, markups } = await reader.catalog();
  const closed = closedMonths.find((c) => c.month === month);
  // A month closed in another currency is never corrected in this one.
  if (!closed || closed.currency !== charges.currency) return null;
  const landing = landingMonth(month, new Set(closedMonths.map((c) => c.month)));
  const [usage, frozen] = await Promise.all([monthUsageLines(reader, month), reader.statementLines({ forMonth: month })]);
  const lines = adjustmentsFromUsage(usage, markups, month, frozen, landing).filter((l) =>
    l.businessUnit === "" ? scope.units === "all" : includesUnit(scope, l.businessUnit),
  );
  if (lines.length === 0) return null;
  return { landing, cost: formatCents(attoToCents(lines.reduce((sum, l) => sum + l.atto, 0n))), lines: lines.length };
}
