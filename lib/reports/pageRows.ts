/** How many rows a table shows at once. */
export const PAGE_SIZE = 50;

export type RowPage<T> = { rows: T[]; page: number; pages: number; matched: number };

/**
 * The rows whose name (or key) contains `q`, case-insensitive, cut to one page of `size`; a page
 * past the last shows the last. Sorting comes first, so a page is a slice of the sorted table.
 */
export function pageRows<T extends { name: string; key?: string; value?: string }>(rows: readonly T[], q: string, page: number, size = PAGE_SIZE): RowPage<T> {
  const needle = q.trim().toLowerCase();
  const matched = needle === "" ? rows : rows.filter((r) => [r.name, r.key, r.value].some((text) => text?.toLowerCase().includes(needle)));
  const pages = Math.max(1, Math.ceil(matched.length / size));
  const at = Math.min(Math.max(1, page), pages);
  return { rows: matched.slice((at - 1) * size, at * size), page: at, pages, matched: matched.length };
}
