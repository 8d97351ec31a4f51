import { parseCents } from "@/lib/core/money";
import { pageHref } from "./pageHref";
import type { TableSort } from "./SortHeader";

/** A page's path and every parameter of its address, as its links keep them (see addressParams). */
export type PageAddress = { path: string; params: readonly [string, string][] };

/** How a column sorts: text A to Z, counts and money largest first. */
export type ColumnKey<T> = { text: (row: T) => string } | { count: (row: T) => number } | { money: (row: T) => string };

/**
 * A small table's order from its own address parameter (`param`: a page has several tables):
 * one of its columns, else the order given. Each order's link keeps every other parameter of the
 * page, the other tables' orders included; the order given is left out of the address.
 */
export function columnSort<K extends string>(address: PageAddress | undefined, param: string, columns: readonly K[]): TableSort<K> | undefined {
  if (!address) return undefined;
  const others = address.params.filter(([name]) => name !== param);
  const asked = address.params.find(([name]) => name === param)?.[1];
  return {
    by: columns.find((c) => c === asked) ?? null,
    href: (by) => pageHref(address.path, [...others, [param, by]]),
  };
}

/** The rows in the order of a column's key (a stable sort: ties keep the order given), or as given. */
export function sortByColumn<T>(rows: readonly T[], key: ColumnKey<T> | undefined): T[] {
  if (!key) return [...rows];
  if ("text" in key) return [...rows].sort((a, b) => key.text(a).localeCompare(key.text(b)));
  if ("count" in key) return [...rows].sort((a, b) => key.count(b) - key.count(a));
  return [...rows].sort((a, b) => {
    const [x, y] = [parseCents(key.money(a)), parseCents(key.money(b))];
    return x < y ? 1 : x > y ? -1 : 0;
  });
}
