import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "../../lib/reports/formatMoney";

/** The month's cost per business unit; the unmapped line keeps the column summing to the total. */
export function CostByUnitTable({ report }: { report: ChargebackReport }) {
  const top = report.rows[0] ? Number(report.rows[0].cost) : 0;
  return (
    <table>
      <caption>Cost by business unit</caption>
      <thead>
        <tr>
          <th scope="col">Business unit</th>
          <th scope="col" className="num">Cost</th>
          <th scope="col" className="num">Requests</th>
          <th scope="col" className="num">Tokens</th>
          <th scope="col"><span className="visually-hidden">Share</span></th>
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row) => (
          <tr key={row.key} data-testid="bu-row">
            <th scope="row">{row.name}</th>
            <td className="num" data-testid="bu-cost">{formatMoney(row.cost, report.currency)}</td>
            <td className="num">{formatCount(row.requests)}</td>
            <td className="num">{formatCount(row.totalTokens)}</td>
            <td aria-hidden="true">
              {/* Width only: a picture of the row's share, not a figure anyone reads. */}
              <span className="bar" style={{ width: `${top > 0 ? Math.max(2, (Number(row.cost) / top) * 160) : 0}px` }} />
            </td>
          </tr>
        ))}
        {report.unmapped.requests > 0 && (
          <tr data-testid="unmapped-row">
            <th scope="row">Unmapped apps ({report.unmapped.apps.length})</th>
            <td className="num">{formatMoney(report.unmapped.cost, report.currency)}</td>
            <td className="num">{formatCount(report.unmapped.requests)}</td>
            <td className="num">—</td>
            <td />
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr>
          <td>Total</td>
          <td className="num">{formatMoney(report.total, report.currency)}</td>
          <td colSpan={3} />
        </tr>
      </tfoot>
    </table>
  );
}
