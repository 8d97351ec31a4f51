import { LedgerReader } from "../ledger/ledgerReader";
import { monthUsageLines } from "../statements/monthUsageLines";
import type { ReportStore } from "../store/port";
import { readAppFigures, readAppRows, readTrend, readUncovered } from "./monthFigures";
import { getCallOutcomes } from "./getCallOutcomes";
import { getComparisonBasis } from "./comparisonBasis";
import { dimensionShares } from "./dimensionShares";
import { tagDimension } from "../events/eventTags";
import { DEFAULT_BREAKDOWN } from "./breakdownParam";

/**
 * Builds the materialized figures of each month that are stale (its usage, or what prices and
 * attributes it, changed since they were built), so the next view only reads them: what
 * `chargeback month refresh` runs after ingest or a catalog change. Shares by other tags and by
 * end user are built by the first view that asks for them. Says when each month's figures were built.
 */
export async function refreshFigures(store: ReportStore, months: readonly string[]): Promise<{ month: string; asOf: string }[]> {
  const done: { month: string; asOf: string }[] = [];
  for (const month of months) {
    const reader = new LedgerReader(store);
    // Any app's rows build every app's; the month's comparison basis (the same days of the month
    // before, while the month is in progress) and the pages' default breakdown too.
    await Promise.all([
      monthUsageLines(reader, month),
      readTrend(reader, month),
      readAppFigures(reader, month),
      readUncovered(reader, month),
      readAppRows(reader, month, ""),
      getCallOutcomes(reader, month),
      getComparisonBasis(reader, month),
      dimensionShares(reader, month, tagDimension(DEFAULT_BREAKDOWN.slice(4))),
    ]);
    done.push({ month, asOf: new Date(reader.figuresAsOf() ?? 0).toISOString() });
  }
  return done;
}
