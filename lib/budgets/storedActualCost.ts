import type { LedgerReader } from "../ledger/ledgerReader";
import type { ReportDimension, UnitRow } from "../reports/reportRows";
import { readReportRows } from "../reports/storedReports";

/** Who holds a line: what a budget target matches (scopeCost.ts's Holders). */
type Holder = { businessUnit: string; costCenter: string; appId: string };

/**
 * The month's cost the target's holders carry, in cents, and its currency, added up from the
 * month's stored report rows (storedReports.ts) instead of its ~15,000 lines. Each stored row is
 * the sum of the lines of one business unit and one key of `by`, and a target matches on the unit
 * and on that key only (`by` is the target's own dimension), so the rows it takes add up to the
 * lines it would take, to the 10^-18: the lines' cents are summed either way. Unmapped rows
 * (unit "") are keyed by app whatever the dimension, with a rule's unallocated part as `app|rule`.
 */
export async function storedActualCents(
  reader: LedgerReader,
  month: string,
  by: Extract<ReportDimension, "business-unit" | "cost-center" | "app">,
  match: (holder: Holder) => boolean,
): Promise<{ cents: bigint; currency: string }> {
  const { rows, unmapped, currency } = await readReportRows(reader, month, by);
  const holderOf = (r: UnitRow): Holder =>
    r.unit === ""
      ? { businessUnit: "", costCenter: "", appId: r.rule ? r.key.slice(0, -r.rule.length - 1) : r.key }
      : { businessUnit: r.unit, costCenter: by === "cost-center" ? r.key : "", appId: by === "app" ? r.key : "" };
  let cents = 0n;
  for (const r of rows) if (match(holderOf(r))) cents += r.cents;
  for (const r of unmapped) if (match(holderOf(r))) cents += r.cents;
  return { cents, currency };
}
