import { InvalidMonthNote } from "@/app/_components/InvalidMonthNote";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import type { Caller } from "@/lib/auth/access";
import { PageSkeleton } from "@/app/_components/PageSkeleton";
import { requireCaller } from "@/app/_server/currentCaller";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { FEES_ROW, reportFromLines } from "@/lib/reports/getChargebackReport";
import { monthLines } from "@/lib/statements/monthLines";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getSharedStore } from "@/lib/store";
import { CostTable } from "@/app/_components/CostTable";
import { MonthNav } from "@/app/_components/MonthNav";
import { type PageMonth, pageMonth } from "@/app/_server/pageMonth";
import { appHref, unitHref } from "@/app/_components/unitHref";
import { UnmappedRow } from "@/app/_components/UnmappedRow";
import { decodeParam } from "@/app/_components/decodeParam";
import { FilterBar } from "@/app/_components/FilterBar";
import { pageQuery } from "@/app/_server/pageQuery";
import { filterLines } from "@/lib/reports/filterLines";
import { filterOptions } from "@/lib/reports/filterOptions";
import { filterParams, type Params } from "@/lib/reports/reportFilters";
import { pageRows } from "@/lib/reports/pageRows";
import { sortRows } from "@/lib/reports/rowChanges";
import { pageHref, sortHrefs } from "@/app/_components/pageHref";
import { sortParam } from "@/app/_components/sortParam";
import { TablePager } from "@/app/_components/TablePager";
import { TableSearch } from "@/app/_components/TableSearch";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ model: string }>; searchParams: Promise<Params> };

/** One model's month: which units and apps used it, within what the caller may see. */
export default async function ModelPage({ params, searchParams }: Props) {
  const [{ model: raw }, search] = await Promise.all([params, searchParams]);
  const asked = typeof search.month === "string" ? search.month : undefined;
  const model = decodeParam(raw);
  const path = `/models/${encodeURIComponent(model)}`;
  const caller = await requireCaller(asked ? `${path}?month=${encodeURIComponent(asked)}` : path);
  // Markups and fees are cost recovery, not a model: no "who used this model" page for them.
  if (model === FEES_ROW.key) notFound();
  const monthNote = await pageMonth(asked);
  const { month } = monthNote;
  const reader = new LedgerReader(getSharedStore());
  const { charges } = await reader.catalog();
  // A model is known when the price book has it or this month's lines name it; any other name is a
  // 404, answered before anything streams (the month's lines are read here only for a name the book lacks).
  if (charges.pricer.book.resolveModel(model) !== model && !(await monthLines(reader, month)).lines.some((l) => l.model === model)) notFound();
  return (
    <Suspense fallback={<PageSkeleton />}>
      <ModelMonth caller={caller} model={model} path={path} search={search} monthNote={monthNote} reader={reader} />
    </Suspense>
  );
}

type ModelMonthProps = { caller: Caller; model: string; path: string; search: Params; monthNote: PageMonth; reader: LedgerReader };

/** The model's figures for the month, streamed behind a skeleton once the page's checks have passed. */
async function ModelMonth({ caller, model, path, search, monthNote, reader }: ModelMonthProps) {
  const { month } = monthNote;
  // Read once per request (LedgerReader.once): the 404 check above may have read it already.
  const all = await monthLines(reader, month);
  // The model's lines, with their cents as allocated for the whole month: the same figures as elsewhere; narrowed by the filters (the page is the model).
  const { query: asFiltered, problem } = pageQuery(search);
  const query = { ...asFiltered, filters: { ...asFiltered.filters, models: [model] } };
  const lines = await filterLines(reader, all, query.filters);
  const keep = filterParams({ ...query.filters, models: [] });
  const byUnit = reportFromLines(lines, "business-unit", caller.scope);
  const byApp = reportFromLines(lines, "app", caller.scope);
  const requests = byUnit.rows.reduce((n, r) => n + r.requests, 0) + byUnit.unmapped.requests;
  const sorts = { unitSort: sortParam(search.unitSort), appSort: sortParam(search.appSort) };
  const orders = (Object.entries(sorts) as [string, string][]).filter(([, by]) => by !== "cost");
  const searched: [string, string][] = query.q ? [["q", query.q]] : [];
  // A new order starts the apps again on their first page; a page keeps the orders and the search.
  const sortHref = sortHrefs(path, [["month", month], ...keep, ...searched], sorts);
  const apps = pageRows(sortRows(byApp.rows, sorts.appSort, null), query.q, query.page);
  return (
    <>
      <p className="crumbs">
        <a href={`/?month=${month}`}>Overview</a> › {model}
      </p>
      <h1>
        {model}: {month}
      </h1>
      <p className="sub">Who used this model, priced at the Retail Prices in effect on each day (UTC).</p>
      <InvalidMonthNote note={monthNote} month={month} />
      <FilterBar path={path} query={query} month={month} options={filterOptions(all, caller.scope)} hide={["model", "range"]} problem={problem} />
      <MonthNav month={month} path={path} keep={keep} />
      <dl className="cards">
        <div className="card">
          <dt>Cost</dt>
          <dd data-testid="total">{formatMoney(byUnit.total, byUnit.currency)}</dd>
        </div>
        <div className="card">
          <dt>Requests</dt>
          <dd>{formatCount(requests)}</dd>
        </div>
      </dl>
      {byUnit.rows.length === 0 && byUnit.unmapped.apps.length === 0 ? (
        <p className="empty">
          No usage of {model} you may see in {month}.
        </p>
      ) : (
        <div className="stack">
          <CostTable
            caption="Cost by business unit"
            dimension="Business unit"
            rows={sortRows(byUnit.rows, sorts.unitSort, null)}
            total={byUnit.total}
            currency={byUnit.currency}
            testId="model-unit"
            href={(r) => unitHref(r.key, month)}
            extraRow={<UnmappedRow report={byUnit} />}
            sort={{ by: sorts.unitSort, href: sortHref("unitSort") }}
          />
          <TableSearch path={path} keep={[["month", month], ...keep, ...orders]} q={query.q} label="Search apps" />
          <CostTable
            caption="Cost by app"
            dimension="App"
            rows={apps.rows}
            total={byApp.total}
            totalLabel={query.q || apps.pages > 1 ? `Total of all ${formatCount(byApp.rows.length)} apps` : "Total"}
            currency={byApp.currency}
            testId="model-app"
            href={(r) => appHref(r.key, month)}
            extraRow={<UnmappedRow report={byApp} />}
            sort={{ by: sorts.appSort, href: sortHref("appSort") }}
          />
          {apps.rows.length === 0 && <p className="empty">No app matches &quot;{query.q}&quot;.</p>}
          <TablePager
            shown={apps}
            label="Pages of the apps"
            href={(p) => pageHref(path, [["month", month], ...keep, ...orders, ...searched, ["page", String(p)]])}
            testId="model-app-pager"
          />
        </div>
      )}
    </>
  );
}
