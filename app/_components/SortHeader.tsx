import type { RowSort } from "@/lib/reports/rowChanges";

/** A sortable table's order (null: as given) and the address of each order (a link, so it works without script). */
export type TableSort<K extends string = RowSort> = { by: K | null; href: (by: K) => string };

/**
 * A column header that sorts the table when `sort` is given, saying which order is on. Names and
 * other text (`text`) sort A to Z, figures largest first.
 */
export function SortHeader<K extends string>({
  label,
  by,
  sort,
  num,
  text = by === "name",
}: {
  label: string;
  by: K;
  sort?: TableSort<K> | undefined;
  num?: boolean;
  text?: boolean;
}) {
  const active = sort?.by === by;
  return (
    <th scope="col" className={num ? "num" : undefined} aria-sort={active ? (text ? "ascending" : "descending") : undefined}>
      {sort ? (
        <a href={sort.href(by)} title={`Sort by ${label.toLowerCase()}`}>
          {label}
          {active ? (text ? " ▲" : " ▼") : ""}
        </a>
      ) : (
        label
      )}
    </th>
  );
}
