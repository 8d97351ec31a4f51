import { parseCents } from "../../lib/core/money";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "../../lib/reports/formatMoney";
import { percentChange } from "../../lib/reports/projection";
import { isMarkupLine } from "../../lib/statements/markup";
import { appHref } from "./unitHref";

/** A unit's apps this month beside last month, with each one's share of the unit's total. */
export function AppComparisonTable({ current, previous }: { current: ChargebackReport; previous: ChargebackReport }) {
  const before = new Map(previous.rows.map((r) => [r.key, r.cost]));
  const total = parseCents(current.total);
  const money = (a: string) => formatMoney(a, current.currency);
  return (
    <table>
      <caption>Cost by app, against {previous.month}</caption>
      <thead>
        <tr>
          <th scope="col">App</th>
          <th scope="col" className="num">
            Cost
          </th>
          <th scope="col" className="num">
            Share
          </th>
          <th scope="col" className="num">
            {previous.month}
          </th>
          <th scope="col" className="num">
            Change
          </th>
          <th scope="col" className="num">
            Requests
          </th>
        </tr>
      </thead>
      <tbody>
        {current.rows.map((row) => {
          const last = before.get(row.key);
          // Shares in tenths of a percent, from cents: no float touches the money.
          const share = total === 0n ? "—" : `${(Number((parseCents(row.cost) * 1000n) / total) / 10).toFixed(1)}%`;
          return (
            <tr key={row.key} data-testid="app-row">
              <th scope="row">{isMarkupLine(row.key) ? row.name : <a href={appHref(row.key, current.month)}>{row.name}</a>}</th>
              <td className="num" data-testid="app-cost">
                {money(row.cost)}
              </td>
              <td className="num">{share}</td>
              <td className="num">{last === undefined ? "—" : money(last)}</td>
              <td className="num">{last === undefined ? "new" : (percentChange(parseCents(row.cost), parseCents(last)) ?? "—")}</td>
              <td className="num">{formatCount(row.requests)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td>Total</td>
          <td className="num">{money(current.total)}</td>
          <td className="num">100%</td>
          <td className="num">{money(previous.total)}</td>
          <td className="num">{percentChange(total, parseCents(previous.total)) ?? "—"}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
