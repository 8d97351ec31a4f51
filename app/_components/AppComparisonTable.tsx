import { formatCents, parseCents } from "@/lib/core/money";
import type { ChargebackReport } from "@/lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { percentChange } from "@/lib/reports/projection";
import { rowChanges, sortRows } from "@/lib/reports/rowChanges";
import { isMarkupLine } from "@/lib/statements/markup";
import { PAGE_SIZE, pageRows } from "@/lib/reports/pageRows";
import { PagedTable, type TablePaging } from "./PagedTable";
import { SortHeader, type TableSort } from "./SortHeader";
import { appHref } from "./unitHref";

type Props = {
  current: ChargebackReport;
  /** The same month as compared: its usage only, when the basis is an open month's same days. */
  compared: ChargebackReport;
  previous: ChargebackReport;
  /** What `previous` is: the previous month, or its same days. */
  label: string;
  /** Sortable by name, cost and change like for like. */
  sort?: TableSort;
  /** Searched and paged, the page's other parameters (`keep`) kept: a unit can have hundreds of apps. */
  paging?: TablePaging;
};

/** A unit's apps this month, each one's share of the unit's total, and its change like for like. */
export function AppComparisonTable({ current, compared, previous, label, sort, paging }: Props) {
  const before = new Map(previous.rows.map((r) => [r.key, r.cost]));
  const now = new Map(compared.rows.map((r) => [r.key, r.cost]));
  const total = parseCents(current.total);
  const money = (a: string) => formatMoney(a, current.currency);
  const delta = (a: string, b: string) => money(formatCents(parseCents(a) - parseCents(b)));
  const sorted = sortRows(current.rows, sort?.by ?? "cost", rowChanges(compared.rows, previous.rows, label));
  const shown = pageRows(sorted, paging?.q ?? "", paging?.page ?? 1, paging ? PAGE_SIZE : Math.max(1, sorted.length));
  const { rows } = shown;
  const table = (
    <table>
      <caption>Cost by app, against {label}</caption>
      <thead>
        <tr>
          <SortHeader label="App" by="name" sort={sort} />
          <SortHeader label="Cost" by="cost" sort={sort} num />
          <th scope="col" className="num">
            Share
          </th>
          <th scope="col" className="num">
            {label}
          </th>
          <SortHeader label="Δ" by="delta" sort={sort} num />
          <SortHeader label="Δ %" by="percent" sort={sort} num />
          <th scope="col" className="num">
            Requests
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const last = before.get(row.key);
          const usage = now.get(row.key) ?? "0.00";
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
              <td className="num">{delta(usage, last ?? "0.00")}</td>
              <td className="num">{last === undefined ? "new" : (percentChange(parseCents(usage), parseCents(last)) ?? "—")}</td>
              <td className="num">{formatCount(row.requests)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td>{shown.pages > 1 || paging?.q ? `Total of all ${formatCount(sorted.length)} apps` : "Total"}</td>
          <td className="num">{money(current.total)}</td>
          <td className="num">100%</td>
          <td className="num">{money(previous.total)}</td>
          <td className="num">{delta(compared.total, previous.total)}</td>
          <td className="num">{percentChange(parseCents(compared.total), parseCents(previous.total)) ?? "—"}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
  if (!paging) return table;
  return (
    <PagedTable paging={paging} shown={shown} label="Pages of the apps" testId="app-pager">
      {table}
    </PagedTable>
  );
}
