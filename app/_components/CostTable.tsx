import type { ReactNode } from "react";
import type { ReportRow } from "@/lib/reports/getChargebackReport";
import { describeBilled } from "@/lib/reports/describeBilled";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import type { RowChanges } from "@/lib/reports/rowChanges";
import { pageRows } from "@/lib/reports/pageRows";
import { PagedTable, type TablePaging } from "./PagedTable";
import { SortHeader, type TableSort } from "./SortHeader";

type Props = {
  caption: string;
  dimension: string;
  rows: ReportRow[];
  total: string;
  /** For a table that shows only some rows (a top 10) beside the total of all. */
  totalLabel?: string;
  currency: string;
  testId: string;
  /** Where a row's name links to, when it has a drill-down. */
  href?: (row: ReportRow) => string;
  /** A last line inside the body (e.g. unmapped apps) that keeps the column summing to the total. */
  extraRow?: ReactNode;
  /** Δ and Δ % columns: each row against the comparison basis (like for like). */
  changes?: RowChanges;
  /** Sortable by name, cost and change: the order shown, and the address of each order (a link, so it works without script). */
  sort?: TableSort;
  paging?: TablePaging;
};

export function CostTable({ caption, dimension, rows: all, total, totalLabel = "Total", currency, testId, href, extraRow, changes, sort, paging }: Props) {
  const shown = paging && pageRows(all, paging.q, paging.page);
  const rows = shown ? shown.rows : all;
  const top = all[0] ? Number(all[0].cost) : 0;
  // Tokens billed on meters of their own (cache writes, audio, image, priority, long context): a column only when some row has them.
  const billed = rows.some((row) => describeBilled(row) !== "");
  const table = (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <SortHeader label={dimension} by="name" sort={sort} />
          <SortHeader label="Cost" by="cost" sort={sort} num />
          {changes && (
            <>
              <th scope="col" className="num">
                {changes.label}
              </th>
              <SortHeader label="Δ" by="delta" sort={sort} num />
              <SortHeader label="Δ %" by="percent" sort={sort} num />
            </>
          )}
          <th scope="col" className="num">
            Requests
          </th>
          <th scope="col" className="num">
            Tokens
          </th>
          {billed && <th scope="col">Of which billed apart</th>}
          <th scope="col">
            <span className="visually-hidden">Share</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={`${testId}-row`}>
            <th scope="row">
              {href && !row.fee ? <a href={href(row)}>{row.name}</a> : row.name}
              {row.fee && <span className="hint"> fee</span>}
            </th>
            <td className="num" data-testid={`${testId}-cost`}>
              {formatMoney(row.cost, currency)}
            </td>
            {changes && <ChangeCells change={changes.rows[row.key]} currency={currency} testId={testId} />}
            <td className="num">{formatCount(row.requests)}</td>
            <td className="num">{formatCount(row.totalTokens)}</td>
            {billed && (
              <td className="small" data-testid={`${testId}-billed`}>
                {describeBilled(row)}
              </td>
            )}
            <td aria-hidden="true">
              {/* Width only: a picture of the row's share, not a figure anyone reads. */}
              <span className="bar" style={{ width: `${top > 0 ? Math.max(2, (Number(row.cost) / top) * 160) : 0}px` }} />
            </td>
          </tr>
        ))}
        {extraRow}
      </tbody>
      <tfoot>
        <tr>
          <td>{shown && (shown.pages > 1 || paging.q) ? `Total of all ${formatCount(all.length)} rows` : totalLabel}</td>
          <td className="num">{formatMoney(total, currency)}</td>
          <td colSpan={(billed ? 4 : 3) + (changes ? 3 : 0)} />
        </tr>
      </tfoot>
    </table>
  );
  if (!paging || !shown) return table;
  return (
    <PagedTable paging={paging} shown={shown} label={`Pages of ${caption}`} testId={`${testId}-pager`}>
      {table}
    </PagedTable>
  );
}

function ChangeCells({ change, currency, testId }: { change: RowChanges["rows"][string] | undefined; currency: string; testId: string }) {
  if (!change)
    return (
      <>
        <td className="num">—</td>
        <td className="num">—</td>
        <td className="num">—</td>
      </>
    );
  return (
    <>
      <td className="num">{formatMoney(change.previous, currency)}</td>
      <td className="num" data-testid={`${testId}-delta`}>
        {change.delta.startsWith("-") || change.delta === "0.00" ? "" : "+"}
        {formatMoney(change.delta, currency)}
      </td>
      <td className="num" data-testid={`${testId}-delta-percent`}>
        {change.percent ?? "new"}
      </td>
    </>
  );
}
