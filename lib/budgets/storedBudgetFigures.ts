import { monthDays, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { catalogDigest, type MaterializedMonth } from "../ledger/materializedMonth";

/** The months a page's forecast and anomalies read: the month and the three before it (the anomalies' eight weeks of history). */
export function historyMonths(month: string): string[] {
  const months = [month];
  for (let i = 0; i < 3; i++) months.unshift(previousMonth(months[0] ?? month));
  return months;
}

/** The last day a month's figures are asked for, as of `today`: today while the month is open, its end once it is over. */
export const asOfDay = (month: string, today: string) => [today, monthDays(month).to].sort()[0] ?? today;

/**
 * A month's forecast series and anomaly results per scope, stored beside its figures: each a
 * small part a page reads instead of adding up four months of holder days. They read the month
 * and the three before it up to `day` (asOfDay), so their stamp covers those months' usage and
 * inputs and the day: in the open month they are built again each day.
 */
export const budgetFigures = (reader: LedgerReader, month: string, day: string): MaterializedMonth =>
  reader.stored(`budgets@${day}`, month, async () => {
    const { digestOf } = await reader.catalog();
    if (!digestOf) return undefined;
    const months = historyMonths(month);
    const versions = await Promise.all(months.map((m) => reader.usageVersion(m)));
    return catalogDigest({ day, months: months.map((m, i) => [m, versions[i], digestOf(m)]) });
  });
