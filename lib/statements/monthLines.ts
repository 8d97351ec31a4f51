import type { LedgerReader } from "../ledger/ledgerReader";
import { adjustmentsLandingIn } from "./adjustments";
import { allocateLines } from "./allocateLines";
import { withMarkups } from "./liveLines";
import { monthUsageLines } from "./monthUsageLines";
import type { ClosedMonth, CostedLine, UnpricedUsage } from "./statementLine";

export type MonthLines = { month: string; lines: CostedLine[]; unpriced: UnpricedUsage[]; currency: string; closed: ClosedMonth | null };

/** A month's costed lines: frozen when closed, else its ledger's live lines plus the corrections that land in it. */
export function monthLines(reader: LedgerReader, month: string): Promise<MonthLines> {
  return reader.once(`monthLines:${month}`, async () => {
    const { closedMonths, markups } = await reader.catalog();
    const closed = closedMonths.find((c) => c.month === month) ?? null;
    if (closed) return { month, lines: await reader.statementLines({ month }), unpriced: closed.unpriced, currency: closed.currency, closed };
    const [usage, adjustments] = await Promise.all([monthUsageLines(reader, month), adjustmentsLandingIn(reader, month)]);
    const live = withMarkups(usage, markups, month);
    return { month, lines: allocateLines([...live.lines, ...adjustments]), unpriced: live.unpriced, currency: live.currency, closed: null };
  });
}
