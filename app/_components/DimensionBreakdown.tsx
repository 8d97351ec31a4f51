import type { DimensionReport } from "@/lib/reports/getDimensionReport";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { pageRows } from "@/lib/reports/pageRows";
import { pageHref } from "./pageHref";
import { TablePager } from "./TablePager";
import { TableSearch } from "./TableSearch";

type Props = {
  report: DimensionReport | null;
  asked: string;
  invalid: boolean;
  /** The page's address and the parameters every link and form keeps (month, filters). */
  path: string;
  keep: readonly [string, string][];
  /** The tag keys seen in the month: the picker's choices. */
  keys: readonly string[];
  q: string;
  page: number;
};

/** Cost by one tag or end user, picked from the keys seen; searchable (`q`) and paged, its total the whole report's. */
export function DimensionBreakdown({ report, asked, invalid, path, keep, keys, q, page }: Props) {
  const choices = [...new Set(["end-user", ...keys.map((k) => `tag:${k}`), ...(asked && !invalid ? [asked] : [])])];
  const shown = report && pageRows(report.rows, q, page);
  const at = (p: number) => pageHref(path, [...keep, ["breakdown", report?.by ?? asked], ...(q ? [["q", q] as [string, string]] : []), ["page", String(p)]]);
  const hidden = keep.map(([name, value]) => <input key={`${name}=${value}`} type="hidden" name={name} value={value} />);
  return (
    <section aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">Cost by tag or end user</h2>
      <form method="get" action={path} className="inline-form">
        {hidden}
        <label>
          Break down by{" "}
          <select name="breakdown" defaultValue={invalid ? undefined : asked}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {c === "end-user" ? "End user" : `Tag ${c.slice(4)}`}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Break down</button>
      </form>
      {invalid && (
        <p className="note" role="alert">
          Break down by tag:&lt;key&gt; (a key of 1-32 of a-z 0-9 _ . -) or end-user.
        </p>
      )}
      {report && shown && (
        <>
          <TableSearch path={path} keep={[...keep, ["breakdown", report.by]]} q={q} label={`Search ${report.by === "end-user" ? "end users" : "values"}`} />
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
              {shown.rows.length === 0 && (
                <tr>
                  <td colSpan={4}>{q ? `Nothing matches "${q}".` : "No usage."}</td>
                </tr>
              )}
              {shown.rows.map((r) => (
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
                <th scope="row">Total{q || shown.pages > 1 ? ` of all ${formatCount(report.rows.length)} rows` : ""}</th>
                <td className="num" data-testid="breakdown-total">
                  {formatMoney(report.total, report.currency)}
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
          <TablePager shown={shown} label="Pages of the breakdown" href={at} testId="breakdown-pager" />
        </>
      )}
    </section>
  );
}
