import type { RowSort } from "@/lib/reports/rowChanges";

/** A sortable table's order and the address of each order (a link, so it works without script). */
export type TableSort = { by: RowSort; href: (by: RowSort) => string };

/** A column header that sorts the table when `sort` is given, saying which order is on. */
export function SortHeader({ label, by, sort, num }: { label: string; by: RowSort; sort?: TableSort | undefined; num?: boolean }) {
  const active = sort?.by === by;
  return (
    <th scope="col" className={num ? "num" : undefined} aria-sort={active ? (by === "name" ? "ascending" : "descending") : undefined}>
      {sort ? (
        <a href={sort.href(by)} title={`Sort by ${label.toLowerCase()}`}>
          {label}
          {active ? (by === "name" ? " ▲" : " ▼") : ""}
        </a>
      ) : (
        label
      )}
    </th>
  );
}

/** A cost breakdown whose lines add up to its total, to the cent. */
