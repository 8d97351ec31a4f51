import type { Params } from "@/lib/reports/reportFilters";
import type { RowSort } from "@/lib/reports/rowChanges";

/** A page's address with these query parameters (none: the bare path). */
export function pageHref(path: string, params: readonly [string, string][]): string {
  const query = new URLSearchParams(params as [string, string][]).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Every parameter of a page's address, for links that change one and keep the rest: the page's
 * own as it resolved them (`own`: the month, the filters) first, then all others as asked
 * (breakdown, searches, pages, other tables' orders).
 */
export function addressParams(search: Params, own: readonly [string, string][]): [string, string][] {
  const owned = new Set(own.map(([name]) => name));
  const others = Object.entries(search).flatMap(([name, value]) =>
    owned.has(name) || value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
  return [...own, ...others];
}

/**
 * The address of each order of each sortable table on a page: one table's order changed, the
 * others' kept, and the page's other parameters (`keep`: month, filters, or all of addressParams)
 * kept first. An order equal to the table's default is left out of the address.
 */
export function sortHrefs<K extends string>(
  path: string,
  keep: readonly [string, string][],
  orders: Record<K, RowSort>,
  defaults: Partial<Record<K, RowSort>> = {},
) {
  const others = keep.filter(([name]) => !(name in orders));
  return (param: K) =>
    (by: RowSort): string =>
      pageHref(path, [
        ...others,
        ...(Object.entries({ ...orders, [param]: by }) as [K, RowSort][]).filter(([name, order]) => order !== (defaults[name] ?? "cost")),
      ]);
}
