import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "../../lib/reports/formatMoney";

/** The unmapped apps' line, so a table's rows add up to its total; nothing when there is none. */
export function UnmappedRow({ report }: { report: ChargebackReport }) {
  if (report.unmapped.cost === "0.00" && report.unmapped.apps.length === 0) return null;
  return (
    <tr data-testid="unmapped-row">
      <th scope="row">Unmapped apps ({report.unmapped.apps.length})</th>
      <td className="num">{formatMoney(report.unmapped.cost, report.currency)}</td>
      <td className="num">{formatCount(report.unmapped.requests)}</td>
      <td className="num">—</td>
      <td />
    </tr>
  );
}
