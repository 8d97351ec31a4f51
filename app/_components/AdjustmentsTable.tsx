import type { Adjustment } from "@/lib/reports/getChargebackReport";
import { formatMoney } from "@/lib/reports/formatMoney";

/** Corrections to closed months booked in this one, each with why. */
export function AdjustmentsTable({ adjustments, currency }: { adjustments: Adjustment[]; currency: string }) {
  return (
    <table id="adjustments">
      <caption>Adjustments to closed months</caption>
      <thead>
        <tr>
          <th scope="col">For</th>
          <th scope="col">Business unit</th>
          <th scope="col">Cost center</th>
          <th scope="col">App</th>
          <th scope="col">Model</th>
          <th scope="col" className="num">
            Cost
          </th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {adjustments.map((a) => (
          <tr key={`${a.forMonth}|${a.businessUnit}|${a.costCenter}|${a.appId}|${a.model}`} data-testid="adjustment-row">
            <td>{a.forMonth}</td>
            <td>{a.businessUnit || "Unmapped"}</td>
            <td>{a.costCenter || "—"}</td>
            <th scope="row">{a.appName}</th>
            <td>{a.model}</td>
            <td className="num">{formatMoney(a.cost, currency)}</td>
            <td>{a.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
