import type { LedgerReader } from "../ledger/ledgerReader";
import { readReportRows } from "../reports/storedReports";

/** Who holds a line: what a budget target matches (scopeCost.ts's Holders). */
type Holder = { businessUnit: string; costCenter: string; appId: string };

/**
 * The month's cost the target's holders carry, in cents, and its currency, added up from the
 * month's stored report rows (storedReports.ts) instead of its ~15,000 lines. Each stored row is
 * the sum of the lines of one business unit and one key of `by`, and a unit or cost-center target
 * matches on the unit and that key only (`by` is the target's own dimension), so the rows it takes
 * add up to the lines it would take, to the 10^-18. Unmapped rows (unit "") hold no cost center.
 * An app's target reads the app's own lines instead (storedAppLines.ts).
 */
export async function storedActualCents(
  reader: LedgerReader,
  month: string,
  by: "business-unit" | "cost-center",
  match: (holder: Holder) => boolean,
): Promise<{ cents: bigint; currency: string }> {
  const { rows, unmapped, currency } = await readReportRows(reader, month, by);
  let cents = 0n;
  for (const r of [...rows, ...unmapped])
    if (match({ businessUnit: r.unit, costCenter: by === "cost-center" && r.unit !== "" ? r.key : "", appId: "" })) cents += r.cents;
  return { cents, currency };
}
