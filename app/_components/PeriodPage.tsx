import "server-only";
import { UserError } from "@/lib/core/errors";
import type { Caller } from "@/lib/auth/access";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { filterOptions } from "@/lib/reports/filterOptions";
import { reportFromLines } from "@/lib/reports/getChargebackReport";
import { filteredRangeLines } from "@/lib/reports/filteredRangeLines";
import { rangeLines } from "@/lib/reports/rangeLines";
import { filterParams, type ReportQuery } from "@/lib/reports/reportFilters";
import type { ReportRange } from "@/lib/reports/reportRange";
import type { ReportScope } from "@/lib/reports/reportScope";
import { sortRows, type RowSort } from "@/lib/reports/rowChanges";
import { getSharedStore } from "@/lib/store";
import { CostTable } from "./CostTable";
import type { TablePaging } from "./PagedTable";
import { FilterBar } from "./FilterBar";
import { InvalidMonthNote, type MonthNote } from "./InvalidMonthNote";
import { sortHrefs } from "./pageHref";
import { periodParams } from "./periodParams";
import { appHref, modelHref, unitHref } from "./unitHref";
import { SummaryCards } from "./SummaryCards";
import { UnmappedRow } from "./UnmappedRow";

/** Each table's order, by its address parameter (the overview's unit table is `sort`, as on its month page). */
export type PeriodSorts = Partial<Record<"sort" | "ccSort" | "appSort" | "modelSort", RowSort>>;

type Props = {
  caller: Caller;
  path: string;
  range: ReportRange;
  query: ReportQuery;
  problem: string | null;
  monthNote: MonthNote;
  unit?: string;
  scope?: ReportScope;
  sorts?: PeriodSorts;
  /** The apps table's search and page (`appQ`, `appPage`): a period can hold thousands of apps. */
  appSearch?: { q: string; page: number };
};

/**
 * A period of several months (quarter, year to date, custom): the months' own lines added up
 * (frozen for closed months), filtered, by unit, cost center, app and model. Month-only views
 * (projection, budgets, daily chart, change explanation) stay on the month pages.
 */
export async function PeriodPage({
  caller,
  path,
  range,
  query,
  problem,
  monthNote,
  unit,
  scope = caller.scope,
  sorts = {},
  appSearch = { q: "", page: 1 },
}: Props) {
  const reader = new LedgerReader(getSharedStore());
  const all = await rangeLines(reader, range.months).catch((e: unknown) => {
    if (e instanceof UserError) return e.message;
    throw e;
  });
  if (typeof all === "string")
    return (
      <>
        <h1>Chargeback for {range.label}</h1>
        <p className="note" role="alert">
          {all}
        </p>
      </>
    );
  // Filtered month by month: a tag's share of a line is known per month.
  const lines = await filteredRangeLines(reader, range.months, query.filters);
  const by = (dimension: "business-unit" | "cost-center" | "app" | "model") => reportFromLines(lines, dimension, scope);
  const units = by("business-unit");
  const requests = units.rows.reduce((n, r) => n + r.requests, 0) + units.unmapped.requests;
  const tokens = units.rows.reduce((n, r) => n + r.totalTokens, 0);
  const last = range.to;
  const tables = [
    ...(unit
      ? []
      : [
          {
            report: units,
            caption: "Cost by business unit",
            dimension: "Business unit",
            testId: "bu",
            param: "sort" as const,
            href: (k: string) => unitHref(k, last),
          },
        ]),
    { report: by("cost-center"), caption: "Cost by cost center", dimension: "Cost center", testId: "cc", param: "ccSort" as const, href: undefined },
    { report: by("app"), caption: "Cost by app", dimension: "App", testId: "app", param: "appSort" as const, href: (k: string) => appHref(k, last) },
    {
      report: by("model"),
      caption: "Cost by model",
      dimension: "Model",
      testId: "model",
      param: "modelSort" as const,
      href: (k: string) => modelHref(k, last),
    },
  ];
  // Each table's order is in the address, keeping the period, the filters and the other tables' orders.
  const orders = {
    sort: sorts.sort ?? "cost",
    ccSort: sorts.ccSort ?? "cost",
    appSort: sorts.appSort ?? "cost",
    modelSort: sorts.modelSort ?? "cost",
  } as const;
  const kept = [...periodParams(query, last), ...filterParams(query.filters)];
  const sortHref = sortHrefs(path, kept, orders);
  const appPaging: TablePaging = {
    path,
    keep: [...kept, ...Object.entries(orders)],
    ...appSearch,
    qName: "appQ",
    pageName: "appPage",
    label: "Search apps",
  };
  return (
    <>
      <h1>{unit ? `${unit}: ${range.label}` : `Chargeback for ${range.label}`}</h1>
      <p className="sub">
        {range.months.length} months added up, each as its report shows it (closed months as frozen in their statements), in {units.currency}.
      </p>
      <InvalidMonthNote note={monthNote} month={last} />
      <FilterBar path={path} query={query} month={last} options={filterOptions(all, scope)} hide={unit ? ["unit"] : []} problem={problem} />
      <SummaryCards costLabel="Total cost" cost={units.total} currency={units.currency} requests={requests} tokens={tokens} />
      <div className="stack">
        {tables.map(({ report, caption, dimension, testId, param, href }) => (
          <CostTable
            key={testId}
            caption={caption}
            dimension={dimension}
            rows={sortRows(report.rows, orders[param], null)}
            total={report.total}
            currency={report.currency}
            testId={testId}
            sort={{ by: orders[param], href: sortHref(param) }}
            {...(href && { href: (row: { key: string }) => href(row.key) })}
            extraRow={<UnmappedRow report={report} />}
            {...(param === "appSort" && { paging: appPaging })}
          />
        ))}
      </div>
    </>
  );
}
