import type { ReactNode } from "react";
import type { RowPage } from "@/lib/reports/pageRows";
import { pageHref } from "./pageHref";
import { TablePager } from "./TablePager";
import { TableSearch } from "./TableSearch";

/** A table that can run to thousands of rows: searched and paged in the address, under names of its own (a page has several tables). */
export type TablePaging = { path: string; keep: readonly [string, string][]; q: string; page: number; qName: string; pageName: string; label: string };

/** A table between its search box and its pager: a new search starts on page 1, a page keeps the search. */
export function PagedTable({
  paging,
  shown,
  label,
  testId,
  children,
}: {
  paging: TablePaging;
  shown: RowPage<unknown>;
  label: string;
  testId: string;
  children: ReactNode;
}) {
  const searched: [string, string][] = paging.q ? [[paging.qName, paging.q]] : [];
  return (
    <div>
      <TableSearch path={paging.path} keep={paging.keep} q={paging.q} label={paging.label} name={paging.qName} />
      {children}
      <TablePager
        shown={shown}
        label={label}
        href={(p) => pageHref(paging.path, [...paging.keep, ...searched, [paging.pageName, String(p)]])}
        testId={testId}
      />
    </div>
  );
}
