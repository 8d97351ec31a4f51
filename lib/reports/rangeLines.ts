import { UserError } from "../core/errors";
import type { LedgerReader } from "../ledger/ledgerReader";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { itemAt } from "../core/arrays";

/**
 * The lines of several months as one (a quarter, a year to date, a custom period): each month's
 * own lines (frozen when closed), so a period's figures are the sum of its months' to the cent.
 */
export async function rangeLines(reader: LedgerReader, months: readonly string[]): Promise<MonthLines> {
  return joinMonths(months, await Promise.all(months.map((m) => monthLines(reader, m))));
}

/**
 * Months' lines (one each, in the order of `months`) joined: named for the first and last month;
 * closed only when every month is. Months priced in different currencies cannot be added: the
 * period is refused, saying so.
 */
export function joinMonths(months: readonly string[], each: readonly MonthLines[]): MonthLines {
  const last = itemAt(each, each.length - 1);
  if (each.length === 1) return last;
  const currencies = [...new Set(each.map((m) => m.currency))];
  if (currencies.length > 1) throw new UserError(`The period mixes currencies (${currencies.join(", ")}): pick months priced in one currency.`);
  return {
    month: `${itemAt(months, 0)}…${itemAt(months, months.length - 1)}`,
    lines: each.flatMap((m) => m.lines),
    unpriced: each.flatMap((m) => m.unpriced),
    currency: last.currency,
    closed: each.every((m) => m.closed) ? last.closed : null,
  };
}
