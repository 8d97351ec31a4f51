import type { ChargebackReport } from "@/lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";

/**
 * The unmapped apps' line, so a table's rows add up to its total; nothing when there is none. Its
 * cost includes what split rules left unallocated, named beneath it.
 */
export function UnmappedRow({ report, changeColumns = false }: { report: ChargebackReport; changeColumns?: boolean }) {
  if (report.unmapped.cost === "0.00" && report.unmapped.apps.length === 0) return null;
  const unallocated = report.unmapped.apps.filter((a) => a.rule !== "");
  return (
    <tr data-testid="unmapped-row">
      <th scope="row">
        Unmapped apps ({report.unmapped.apps.length - unallocated.length})
        {unallocated.length > 0 && (
          <span className="hint" data-testid="unallocated">
            incl. {formatMoney(report.unmapped.unallocated, report.currency)} unallocated by {[...new Set(unallocated.map((a) => a.rule))].join(", ")}
          </span>
        )}
      </th>
      <td className="num">{formatMoney(report.unmapped.cost, report.currency)}</td>
      {/* Unmapped cost is not compared: corrections can move it either way, and no unit carries it. */}
      {changeColumns && <td colSpan={3} />}
      <td className="num">{formatCount(report.unmapped.requests)}</td>
      <td className="num">—</td>
      <td />
    </tr>
  );
}
