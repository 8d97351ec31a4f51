import { InvalidMonthNote } from "@/app/_components/InvalidMonthNote";
import { describeBilled } from "@/lib/reports/describeBilled";
import { addTokens, noTokens } from "@/lib/statements/statementLine";
import { FiguresAsOf } from "@/app/_components/FiguresAsOf";
import { forbidden, notFound } from "next/navigation";
import { Suspense } from "react";
import { PageSkeleton } from "@/app/_components/PageSkeleton";
import { requireCaller } from "@/app/_server/currentCaller";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { getMonthView } from "@/lib/reports/getMonthView";
import { fromLines } from "@/lib/reports/storedReports";
import { readReportWithChanges } from "@/lib/reports/storedReportViews";
import type { ReportDimension } from "@/lib/reports/reportRows";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { explainChange } from "@/lib/reports/explainChange";
import { getComparisonBasis } from "@/lib/reports/comparisonBasis";
import { ChangeExplanation } from "@/app/_components/ChangeExplanation";
import { onlyUnits } from "@/lib/reports/reportScope";
import { getSharedStore } from "@/lib/store";
import { AdjustmentsTable } from "@/app/_components/AdjustmentsTable";
import { AppComparisonTable } from "@/app/_components/AppComparisonTable";
import { TrendChart } from "@/app/_components/charts/TrendChart";
import { CostTable } from "@/app/_components/CostTable";
import { SplitLinesTable } from "@/app/_components/SplitLinesTable";
import { getSplitLines } from "@/lib/reports/getSplitLines";
import { Downloads } from "@/app/_components/Downloads";
import { MonthNav } from "@/app/_components/MonthNav";
import { modelHref } from "@/app/_components/unitHref";
import { decodeParam } from "@/app/_components/decodeParam";
import { DimensionBreakdown } from "@/app/_components/DimensionBreakdown";
import { FailedCallsTable } from "@/app/_components/FailedCallsTable";
import { breakdownParam } from "@/lib/reports/breakdownParam";
import { getDimensionReport } from "@/lib/reports/getDimensionReport";
import { sortRows } from "@/lib/reports/rowChanges";
import { type Caller, canSeeUnit, seesEveryUnit } from "@/lib/auth/access";
import { filterLines } from "@/lib/reports/filterLines";
import { filteredDailyTrend } from "@/lib/reports/filteredDailyTrend";
import { readFilterOptions } from "@/lib/reports/storedFilterOptions";
import { readSplitLines } from "@/lib/reports/storedSplitLines";
import { filterParams, noFilters, type Params } from "@/lib/reports/reportFilters";
import { resolveRange } from "@/lib/reports/reportRange";
import { FilterBar } from "@/app/_components/FilterBar";
import { PeriodPage } from "@/app/_components/PeriodPage";
import { addressParams, sortHrefs } from "@/app/_components/pageHref";
import { type PageMonth, pageMonth } from "@/app/_server/pageMonth";
import { pageQuery } from "@/app/_server/pageQuery";
import { unitExists } from "@/app/_server/unitExists";
import { getTagKeys } from "@/lib/reports/getTagKeys";
import { sortParam } from "@/app/_components/sortParam";
import { pageNumber } from "@/app/_components/pageNumber";
import { getBudgetOutlook } from "@/lib/budgets/getBudgetOutlook";
import { getAnomalies } from "@/lib/budgets/getAnomalies";
import { flaggedDays } from "@/lib/budgets/flaggedDays";
import { BudgetOutlookSection } from "@/app/_components/BudgetOutlookSection";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Params>;
};

/** One business unit's month: by cost center, app, model and a tag or end user, with failed calls; only for finance, admins and its owners. */
export default async function BusinessUnitPage({ params, searchParams }: Props) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const asked = typeof search.month === "string" ? search.month : undefined;
  const unit = decodeParam(id);
  const path = `/business-units/${encodeURIComponent(unit)}`;
  const caller = await requireCaller(asked ? `${path}?month=${encodeURIComponent(asked)}` : path);
  // Out of scope is 403 whether or not the unit exists, so owners cannot probe for other units' names.
  if (!canSeeUnit(caller, unit)) forbidden();
  if (!(await unitExists(getSharedStore(), unit))) notFound();
  const monthNote = await pageMonth(asked);
  // The checks above answer with their own status before anything streams; the figures stream behind a skeleton.
  return (
    <Suspense fallback={<PageSkeleton />}>
      <UnitMonth caller={caller} unit={unit} path={path} search={search} monthNote={monthNote} />
    </Suspense>
  );
}

type UnitMonthProps = { caller: Caller; unit: string; path: string; search: Params; monthNote: PageMonth };

/** The unit's figures for the month (or the period asked), once the page's checks have passed. */
async function UnitMonth({ caller, unit, path, search, monthNote }: UnitMonthProps) {
  const one = (name: string) => (typeof search[name] === "string" ? (search[name] as string) : undefined);
  const sorts = { cc: sortParam(one("ccSort")), model: sortParam(one("modelSort")), app: sortParam(one("appSort")) };
  const store = getSharedStore();
  const { month } = monthNote;
  const scope = onlyUnits([unit]);
  // The page is the unit: a unit chip would only narrow it to nothing.
  const { query: asFiltered, problem } = pageQuery(search);
  const query = { ...asFiltered, filters: { ...asFiltered.filters, units: [] } };
  const range = resolveRange(query.range, month, monthNote.bounds, query.custom);
  if (range.months.length > 1)
    return (
      <PeriodPage
        caller={caller}
        path={path}
        range={range}
        query={query}
        problem={problem}
        monthNote={monthNote}
        unit={unit}
        scope={scope}
        sorts={{ ccSort: sorts.cc, appSort: sorts.app, modelSort: sorts.model }}
        appSearch={{ q: one("appQ") ?? "", page: pageNumber(one("appPage")) }}
      />
    );
  const { filters } = query;
  const filtered = !noFilters(filters);
  const pick = breakdownParam(one("breakdown"));
  const reader = new LedgerReader(store);
  const view = getMonthView(reader, month, scope, { lines: filtered });
  const [{ lines: allLines, trend: wholeTrend, calls }, byValue, explanation, wholeBasis, tagKeys] = await Promise.all([
    view,
    getDimensionReport(reader, month, pick.by, { scope }),
    explainChange(reader, month, scope),
    getComparisonBasis(reader, month, undefined, { lines: filtered }),
    getTagKeys(store, month),
  ]);
  const [lines, basisLines, trend] = filtered
    ? await Promise.all([
        filterLines(reader, allLines, filters),
        filterLines(reader, wholeBasis.lines, filters),
        filters.tags.length > 0 ? null : filteredDailyTrend(reader, month, scope, filters),
      ])
    : [allLines, wholeBasis.lines, wholeTrend];
  const basis = { ...wholeBasis, lines: basisLines };
  const keep: [string, string][] = [["month", month], ...filterParams(filters)];
  // Streamed after the figures (BudgetOutlookSection): started here, awaited there.
  const outlook = store.listBudgets().then((budgets) => getBudgetOutlook(reader, month, { scope: `business-unit:${unit}` }, budgets));
  const flagged = store
    .listAnomalyDecisions()
    .then((decisions) => getAnomalies(reader, month, decisions, { units: new Set([unit]) }))
    .then((found) => flaggedDays(found, "unit", unit));
  // The whole month's tables from its stored report rows; a filtered view's from its filtered lines.
  const table = (by: ReportDimension) => (filtered ? fromLines(lines, basis, by, scope) : readReportWithChanges(reader, month, by, scope));
  const [cc, apps, models] = await Promise.all([table("cost-center"), table("app"), table("model")]);
  const byCostCenter = cc.report;
  const byApp = apps.report;
  const byModel = models.report;
  // Like for like: an open month's usage so far against the same days of the previous month.
  const lastByApp = apps.basis;
  const comparedByApp = apps.compared;
  // Δ columns like for like, as the apps' table; not across currencies.
  const changes = { cc: cc.changes, model: models.changes };
  // Each table's order is in the address, keeping every other parameter: the others' orders, the filters, the breakdown, searches and pages.
  const address = { path, params: addressParams(search, keep) };
  const sortHref = sortHrefs(path, address.params, { ccSort: sorts.cc, modelSort: sorts.model, appSort: sorts.app });
  const sortedKeep: [string, string][] = [
    ...keep,
    ...(Object.entries({ ccSort: sorts.cc, modelSort: sorts.model, appSort: sorts.app }) as [string, string][]).filter(([, by]) => by !== "cost"),
  ];
  const { currency, total } = byCostCenter;
  const sum = (key: "requests" | "promptTokens" | "cachedTokens" | "completionTokens") => byCostCenter.rows.reduce((n, r) => n + r[key], 0);
  const billedApart = describeBilled(byCostCenter.rows.reduce((all, r) => (addTokens(all, r), all), noTokens()));
  return (
    <>
      <p className="crumbs">
        {seesEveryUnit(caller) || caller.ownedUnits.length > 1 ? (
          <a href={`/?month=${month}`}>{seesEveryUnit(caller) ? "All business units" : "Your business units"}</a>
        ) : (
          "Your business unit"
        )}{" "}
        › {unit}
      </p>
      <h1>
        {unit}: {month}
      </h1>
      <p className="sub">Cost by cost center, app and model, priced at the Retail Prices in effect on each day (UTC).</p>
      <FiguresAsOf at={reader.figuresAsOf()} />
      <InvalidMonthNote note={monthNote} month={month} />
      <FilterBar path={path} query={query} month={month} options={await readFilterOptions(reader, month, scope)} hide={["unit"]} problem={problem} />
      <MonthNav month={month} path={path} keep={filterParams(filters)} />
      <Downloads month={month} businessUnit={unit} by="app" />
      <p>
        {byCostCenter.closed ? (
          <a href={`${path}/statement?month=${month}`}>Statement for {month}</a>
        ) : (
          <>{month} is open; its statement is issued when finance closes the month.</>
        )}
      </p>
      <dl className="cards">
        <div className="card">
          <dt>Total cost</dt>
          <dd data-testid="total">{formatMoney(total, currency)}</dd>
        </div>
        <div className="card">
          <dt>Requests</dt>
          <dd>{formatCount(sum("requests"))}</dd>
        </div>
        <div className="card">
          <dt>Prompt tokens</dt>
          <dd>{formatCount(sum("promptTokens"))}</dd>
        </div>
        <div className="card">
          <dt>Cached prompt tokens</dt>
          <dd>{formatCount(sum("cachedTokens"))}</dd>
        </div>
        <div className="card">
          <dt>Completion tokens</dt>
          <dd>{formatCount(sum("completionTokens"))}</dd>
        </div>
        {billedApart !== "" && (
          <div className="card">
            <dt>Of which billed apart</dt>
            <dd className="small" data-testid="billed-apart">
              {billedApart}
            </dd>
          </div>
        )}
      </dl>
      {!filtered && <BudgetOutlookSection title={`Budget and forecast of ${unit}, ${month}`} outlook={outlook} flagged={flagged} />}
      {byCostCenter.rows.length === 0 && byCostCenter.adjustments.length === 0 ? (
        <p className="empty">
          No usage of {unit} recorded for {month}.
        </p>
      ) : (
        <div className="stack">
          {trend ? (
            <TrendChart
              title="Cost per day (UTC)"
              kind="bar"
              unit="money"
              currency={currency}
              ticks="day"
              points={trend.days.map((day) => ({ x: day, y: Number(trend.cost[day]?.[unit] ?? 0) }))}
              link={{ query: new URLSearchParams([["unit", unit], ...filterParams(filters)]).toString() }}
            />
          ) : (
            <p className="note">The daily chart is not split by tag: remove the tag filter to see it.</p>
          )}
          <CostTable
            caption="Cost by cost center"
            dimension="Cost center"
            rows={sortRows(byCostCenter.rows, sorts.cc, changes.cc ?? null)}
            total={total}
            currency={currency}
            testId="cc"
            changes={changes.cc}
            sort={{ by: sorts.cc, href: sortHref("ccSort") }}
          />
          <SplitLinesTable
            lines={filtered ? getSplitLines(lines.lines, unit) : await readSplitLines(reader, month, unit)}
            currency={currency}
            address={address}
          />
          <AppComparisonTable
            current={byApp}
            compared={comparedByApp}
            previous={lastByApp}
            label={basis.label}
            sort={{ by: sorts.app, href: sortHref("appSort") }}
            paging={{
              path,
              keep: sortedKeep,
              q: one("appQ") ?? "",
              page: pageNumber(one("appPage")),
              qName: "appQ",
              pageName: "appPage",
              label: "Search apps",
            }}
          />
          <CostTable
            caption="Cost by model"
            dimension="Model"
            rows={sortRows(byModel.rows, sorts.model, changes.model ?? null)}
            total={byModel.total}
            currency={currency}
            testId="model"
            href={(row) => modelHref(row.key, month)}
            changes={changes.model}
            sort={{ by: sorts.model, href: sortHref("modelSort") }}
          />
          {byCostCenter.adjustments.length > 0 && <AdjustmentsTable adjustments={byCostCenter.adjustments} currency={currency} address={address} />}
          <DimensionBreakdown report={byValue} asked={pick.asked} invalid={pick.invalid} path={path} keep={keep} keys={tagKeys} q={query.q} page={query.page} />
        </div>
      )}
      {!filtered && explanation && explanation.pieces.length > 0 && <ChangeExplanation change={explanation} />}
      <FailedCallsTable calls={calls} month={month} address={address} />
    </>
  );
}
