import type { LedgerReader } from "../ledger/ledgerReader";
import type { MonthLines } from "../statements/monthLines";
import { filterLines } from "./filterLines";
import { joinMonths } from "./rangeLines";
import type { ReportFilters } from "./reportFilters";
import { readAppLines } from "./storedAppLines";

/**
 * One app's lines of a period under the filters: what filteredRangeLines gives with the app's
 * chip, read from each month's stored lines of the app instead of decoding every app's. Unpriced
 * usage is known per unit only, so an app's view never holds it (filterLines drops it under an
 * app chip too).
 */
export async function appRangeLines(reader: LedgerReader, months: readonly string[], appId: string, filters: ReportFilters): Promise<MonthLines> {
  const { closedMonths } = await reader.catalog();
  const each = await Promise.all(
    months.map(async (month) => {
      const { currency, lines } = await readAppLines(reader, month, appId);
      const closed = closedMonths.find((c) => c.month === month) ?? null;
      return filterLines(reader, { month, lines, unpriced: [], currency, closed }, { ...filters, apps: [appId] });
    }),
  );
  return joinMonths(months, each);
}
