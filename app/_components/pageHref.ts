import type { RowSort } from "@/lib/reports/rowChanges";

/** A page's address with these query parameters (none: the bare path). */
export function pageHref(path: string, params: readonly [string, string][]): string {
  const query = new URLSearchParams(params as [string, string][]).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The address of each order of each sortable table on a page: one table's order changed, the
 * others' kept, and the page's own parameters (month, filters) kept first. An order equal to the
 * table's default is left out of the address.
 */
export function sortHrefs<K extends string>(
  path: string,
  keep: readonly [string, string][],
  orders: Record<K, RowSort>,
  defaults: Partial<Record<K, RowSort>> = {},
) {
  return (param: K) =>
    (by: RowSort): string =>
      pageHref(path, [
        ...keep,
        ...(Object.entries({ ...orders, [param]: by }) as [K, RowSort][]).filter(([name, order]) => order !== (defaults[name] ?? "cost")),
      ]);
}
