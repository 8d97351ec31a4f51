import { UserError } from "../core/errors";
import { now as clockNow, monthOf } from "../core/clock";
import type { UsageStore } from "../store/port";
import { adjustmentsLandingIn } from "./adjustments";
import { LedgerReader } from "../ledger/ledgerReader";
import { nextMonth } from "../core/months";
import { allocateLines } from "./allocateLines";
import { liveLines } from "./liveLines";
import type { ClosedMonth } from "./statementLine";
import type { Unmatched } from "../reconciliation/getTrueUp";
import { trueUpLines } from "./trueUpLines";

const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/**
 * Freezes a finished month's statement: its usage lines, and the corrections to earlier closed
 * months that land in it, each with the cents it will always show. With `actual`, the month is
 * closed on actual cost: true-up lines bring each app to its share of the imported invoice, so the
 * units' totals add up to the invoice (plus any corrections landing in the month) to the cent.
 */
export async function closeMonth(
  store: UsageStore,
  month: string,
  by: string,
  now = clockNow(),
  { actual, reader = new LedgerReader(store) }: { actual?: Unmatched; reader?: LedgerReader } = {},
): Promise<ClosedMonth> {
  if (month >= monthOf(now)) throw new UserError(`${month} has not ended yet: it can be closed from ${nextMonth(month)}-01 (UTC)`);
  const { closedMonths } = await reader.catalog();
  const already = closedMonths.find((c) => c.month === month);
  if (already) throw new UserError(`${month} is already closed (${when(already.closedAt)} by ${already.closedBy})`);
  if (actual && (await store.listInvoiceLines(`${month}-01`, `${nextMonth(month)}-01`)).length === 0) {
    throw new UserError(`no invoice is imported for ${month}: run chargeback invoice import first, or close it on list cost`);
  }
  const trueUp = actual ? await trueUpLines(reader, month, actual) : { lines: [] };
  // On actual cost, markups are computed on what the units are charged: usage and its true-up.
  const [ledger, adjustments] = await Promise.all([reader.ledger(month), adjustmentsLandingIn(reader, month)]);
  const live = liveLines(ledger, { settled: trueUp.lines });
  // Corrections to a month closed in one currency can only be booked in that currency.
  const other = closedMonths.find((c) => c.currency !== live.currency);
  if (other)
    throw new UserError(
      `months up to ${other.month} are closed in ${other.currency}: closing ${month} in ${live.currency} would leave their corrections unbooked; set CHARGEBACK_CURRENCY=${other.currency}`,
    );
  const closed: ClosedMonth = { month, closedAt: now, closedBy: by, currency: live.currency, unpriced: live.unpriced };
  try {
    await store.saveClosedMonth(closed, allocateLines([...live.lines, ...trueUp.lines, ...adjustments]), { month, action: "close", by, at: now, reason: "" });
  } catch (error) {
    // Two closes at once (a double click): the first wins, the second is told so.
    const winner = await store.getClosedMonth(month);
    if (winner) throw new UserError(`${month} is already closed (${when(winner.closedAt)} by ${winner.closedBy})`);
    throw error;
  }
  return closed;
}

/** Only the latest closed month can be reopened: a later statement may hold corrections to an earlier one. */
export const canReopen = (closedMonths: readonly Pick<ClosedMonth, "month">[], month: string): boolean =>
  closedMonths.some((c) => c.month === month) && !closedMonths.some((c) => c.month > month);

/** Unfreezes the latest closed month, with a reason that is logged; its report becomes live again. */
export async function reopenMonth(store: UsageStore, month: string, by: string, reason: string, now = clockNow()): Promise<void> {
  const why = reason.trim();
  if (why.length < 10) throw new UserError("say why the month is reopened (at least 10 characters): the reason is kept in the month log");
  const closedMonths = await store.listClosedMonths();
  if (!closedMonths.some((c) => c.month === month)) throw new UserError(`${month} is not closed`);
  const later = closedMonths.filter((c) => c.month > month).map((c) => c.month);
  // A later statement may hold corrections to this month; reopening under it would count them twice.
  if (later.length > 0) throw new UserError(`reopen ${later.at(-1)} first: months closed after ${month} may hold corrections to it`);
  await store.deleteClosedMonth(month, { month, action: "reopen", by, at: now, reason: why });
}
