import type { ReactNode } from "react";
import { columnSort, type PageAddress, sortByColumn } from "./columnSort";
import { SortHeader } from "./SortHeader";
import type { Column } from "./sortableColumns";

type Props<T> = {
  caption: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** The address parameter holding this table's order: a page has several tables. */
  param: string;
  /** The page's address: without it the table keeps the order given and is not sortable. */
  address?: PageAddress | undefined;
  rowKey: (row: T) => string;
  rowTestId: string;
  /** What the table says when it has no rows (nothing given: no row at all). */
  empty?: ReactNode;
  id?: string;
  testId?: string;
};

/**
 * A small table sortable by any column from its own address parameter, each header a link (so it
 * works without script) keeping every other parameter of the page; text sorts A to Z, figures
 * largest first, and cells of figures align as numbers.
 */
export function SortableTable<T>({ caption, columns, rows, param, address, rowKey, rowTestId, empty, id, testId }: Props<T>) {
  const sort = columnSort(
    address,
    param,
    columns.map((c) => c.by),
  );
  const numeric = (column: Column<T>) => !("text" in column.key);
  return (
    <table id={id} data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <SortHeader key={c.by} label={c.label} by={c.by} sort={sort} num={numeric(c)} text={!numeric(c)} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty && (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        )}
        {sortByColumn(rows, columns.find((c) => c.by === sort?.by)?.key).map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.by} scope="row">
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.by} className={numeric(c) ? "num" : undefined} data-testid={c.testId}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
