import type { DimensionReport } from "@/lib/reports/getDimensionReport";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";

type Props = { report: DimensionReport | null; asked: string; month: string; invalid: boolean };

/** Cost by one tag or end user, with the form that picks which; its rows add up to the total shown above. */
export function DimensionBreakdown({ report, asked, month, invalid }: Props) {
  return (
    <section aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">Cost by tag or end user</h2>
      <form method="get" className="inline-form">
        <input type="hidden" name="month" value={month} />
        <label>
          Break down by <input name="breakdown" defaultValue={asked} list="breakdown-choices" aria-describedby="breakdown-help" />
        </label>
        <datalist id="breakdown-choices">
          <option value="end-user" />
          <option value="tag:project" />
          <option value="tag:environment" />
        </datalist>
        <button type="submit">Break down</button>
        <span id="breakdown-help" className="small">
          {" "}
          tag:&lt;key&gt; or end-user
        </span>
      </form>
      {invalid && (
        <p className="note" role="alert">
          Break down by tag:&lt;key&gt; (a key of 1-32 of a-z 0-9 _ . -) or end-user.
        </p>
      )}
      {report && (
        <table data-testid="breakdown">
          <caption>Cost by {report.by === "end-user" ? "end user" : `tag ${report.by.slice(4)}`}</caption>
          <thead>
            <tr>
              <th scope="col">{report.by === "end-user" ? "End user" : "Value"}</th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col" className="num">
                Requests
              </th>
              <th scope="col" className="num">
                Tokens
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.length === 0 && (
              <tr>
                <td colSpan={4}>No usage.</td>
              </tr>
            )}
            {report.rows.map((r) => (
              <tr key={r.value} data-testid="breakdown-row">
                <th scope="row">{r.name}</th>
                <td className="num" data-testid="breakdown-cost">
                  {formatMoney(r.cost, report.currency)}
                </td>
                <td className="num">{formatCount(r.requests)}</td>
                <td className="num">{formatCount(r.totalTokens)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num" data-testid="breakdown-total">
                {formatMoney(report.total, report.currency)}
              </td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
