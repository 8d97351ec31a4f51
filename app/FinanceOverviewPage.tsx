import { InvalidMonthNote, type MonthNote } from "@/app/_components/InvalidMonthNote";
import "server-only";
import { isMarkupLine } from "@/lib/statements/markup";
import { may, seesEveryUnit, type Caller } from "@/lib/auth/access";
import { formatCents, parseCents } from "@/lib/core/money";
import { reportFromLines, type ChargebackReport } from "@/lib/reports/getChargebackReport";
import { getMonthView, type MonthView } from "@/lib/reports/getMonthView";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { explainChange } from "@/lib/reports/explainChange";
import { getPendingCorrections } from "@/lib/reports/getPendingCorrections";
import { readReport } from "@/lib/reports/readReport";
import { previousMonth } from "@/lib/core/months";
import { PendingCorrectionsNote } from "./_components/PendingCorrectionsNote";
import { getComparisonBasis } from "@/lib/reports/comparisonBasis";
import { fromLines } from "@/lib/reports/storedReports";
import { readReportWithChanges } from "@/lib/reports/storedReportViews";
import type { ReportDimension } from "@/lib/reports/reportRows";
import { ChangeExplanation } from "./_components/ChangeExplanation";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { percentChange, projectMonthEnd } from "@/lib/reports/projection";
import { getSharedStore } from "@/lib/store";
import { sortRows, type RowChanges, type RowSort } from "@/lib/reports/rowChanges";
import { filterLines } from "@/lib/reports/filterLines";
import { filteredDailyTrend } from "@/lib/reports/filteredDailyTrend";
import { readFilterOptions } from "@/lib/reports/storedFilterOptions";
import { filterParams, noFilters, type Params, type ReportQuery } from "@/lib/reports/reportFilters";
import { resolveRange } from "@/lib/reports/reportRange";
import { FilterBar } from "./_components/FilterBar";
import { PeriodPage } from "./_components/PeriodPage";
import { addressParams, sortHrefs } from "./_components/pageHref";
import type { PageAddress } from "./_components/columnSort";
import { UNMAPPED } from "./_components/charts/palette";
import { getBudgetOutlook } from "@/lib/budgets/getBudgetOutlook";
import { getAnomalies } from "@/lib/budgets/getAnomalies";
import { flaggedDays } from "@/lib/budgets/flaggedDays";
import { BudgetOutlookSection } from "./_components/BudgetOutlookSection";
import { AdjustmentsTable } from "./_components/AdjustmentsTable";
import { CostBarChart } from "./_components/charts/CostBarChart";
import { DailyTrendChart } from "./_components/charts/DailyTrendChart";
import { CostTable } from "./_components/CostTable";
import { MonthNav } from "./_components/MonthNav";
import { Downloads } from "./_components/Downloads";
import { MonthStatus } from "./_components/MonthStatus";
import { FiguresAsOf } from "./_components/FiguresAsOf";
import { Card } from "./_components/Card";
import { UsageCards } from "./_components/SummaryCards";
import { appHref, modelHref, unitHref } from "./_components/unitHref";
import { UnmappedRow } from "./_components/UnmappedRow";

/** The order of each sortable table, from the address. */
type OverviewSorts = { units: RowSort; models: RowSort; apps: RowSort; cc?: RowSort };

type Props = {
  caller: Caller;
  month: string;
  monthNote: MonthNote;
  query: ReportQuery;
  problem: string | null;
  error?: string;
  sorts?: OverviewSorts;
  /** A period's apps table: its search and page. */
  appSearch?: { q: string; page: number };
  /** The address as asked: every parameter the sort links keep (but an error note, which is for the view it came back to). */
  search?: Params;
};

/** The month by business unit: every unit for finance and admins, a unit owner's own otherwise. */
export async function FinanceOverviewPage({
  caller,
  month,
  monthNote,
  query,
  problem,
  error,
  sorts = { units: "cost", models: "cost", apps: "cost" },
  appSearch,
  search = {},
}: Props) {
  const store = getSharedStore();
  const reader = new LedgerReader(store);
  const range = resolveRange(query.range, month, monthNote.bounds, query.custom);
  if (range.months.length > 1)
    return (
      <PeriodPage
        caller={caller}
        path="/"
        range={range}
        query={query}
        problem={problem}
        monthNote={monthNote}
        sorts={{ sort: sorts.units, ccSort: sorts.cc, appSort: sorts.apps, modelSort: sorts.models }}
        appSearch={appSearch}
      />
    );
  const view = getMonthView(reader, month, caller.scope, { lines: !noFilters(query.filters) });
  const [{ lines: allLines, previous: allPrevious, trend: wholeTrend, calls }, explanation, wholeBasis, pending] = await Promise.all([
    view,
    explainChange(reader, month, caller.scope),
    getComparisonBasis(reader, month, undefined, { lines: !noFilters(query.filters) }),
    getPendingCorrections(reader, month, caller.scope),
  ]);
  // Filters narrow the figures, the tables and the chart; the budgets, change explanation and corrections stay the whole scope's.
  const { filters } = query;
  const filtered = !noFilters(filters);
  const [lines, previousLines, basisLines, trend] = filtered
    ? await Promise.all([
        filterLines(reader, allLines, filters),
        filterLines(reader, allPrevious, filters),
        filterLines(reader, wholeBasis.lines, filters),
        filters.tags.length > 0 ? null : filteredDailyTrend(reader, month, caller.scope, filters),
      ])
    : [allLines, allPrevious, wholeBasis.lines, wholeTrend];
  const basis = { ...wholeBasis, lines: basisLines };
  const keep = [["month", month], ...filterParams(filters)] as [string, string][];
  // Streamed after the figures (BudgetOutlookSection): started here, awaited there.
  const outlook = view.then(() =>
    store.listBudgets().then((budgets) => getBudgetOutlook(reader, month, { units: seesEveryUnit(caller) ? "all" : caller.ownedUnits }, budgets)),
  );
  // The days any unit the caller sees was unusual, flagged on the total (as the unit pages flag their unit's).
  const flagged = store
    .listAnomalyDecisions()
    .then((decisions) => getAnomalies(reader, month, decisions, { units: seesEveryUnit(caller) ? "all" : new Set(caller.ownedUnits) }))
    .then((found) => flaggedDays(found, "unit"));
  // The whole month's tables from its stored report rows; a filtered view's from its filtered lines.
  const table = (by: ReportDimension) => (filtered ? fromLines(lines, basis, by, caller.scope) : readReportWithChanges(reader, month, by, caller.scope));
  const [units, apps, models] = await Promise.all([table("business-unit"), table("app"), table("model")]);
  const report = units.report;
  const byApp = apps.report;
  const byModel = models.report;
  const previousWhole = filtered
    ? reportFromLines(previousLines, "business-unit", caller.scope)
    : await readReport(reader, previousMonth(month), "business-unit", caller.scope);
  // Like for like: an open month's usage so far against the same days of the previous month.
  const previous = units.basis;
  const compared = units.compared;
  // Δ columns on the tables, like for like with the change card; months in other currencies are not compared.
  const changes = { units: units.changes, apps: apps.changes, models: models.changes };
  const everyUnit = seesEveryUnit(caller);
  const requests = report.rows.reduce((n, r) => n + r.requests, 0) + report.unmapped.requests;
  const tokens = report.rows.reduce((n, r) => n + r.totalTokens, 0);
  const projection = report.closed ? null : projectMonthEnd(month, parseCents(report.total));
  // Months in different currencies are not compared.
  const comparable = previous.currency === report.currency;
  const change = comparable ? percentChange(parseCents(compared.total), parseCents(previous.total)) : null;
  const money = (amount: string) => formatMoney(amount, report.currency);
  const noUnits = !everyUnit && caller.ownedUnits.length === 0;
  // A shared fee with no usage to share it by is unmapped too, but no mapping can fix it.
  const unmappedApps = report.unmapped.apps.filter((a) => a.rule === "" && !isMarkupLine(a.appId)).length;
  const empty = report.rows.length === 0 && report.unmapped.apps.length === 0 && report.adjustments.length === 0;
  return (
    <>
      <h1>Chargeback for {month}</h1>
      <p className="sub">
        {everyUnit ? "Azure OpenAI cost per business unit" : `Azure OpenAI cost of ${caller.ownedUnits.join(", ") || "no business unit"}`}, priced at the Retail
        Prices in effect on each day (UTC).
        {report.currency !== "USD" && ` Amounts in ${report.currency} are reference prices from the Retail Prices API; Azure bills in USD.`}
      </p>
      <InvalidMonthNote note={monthNote} month={month} />
      <FilterBar path="/" query={query} month={month} options={await readFilterOptions(reader, month, caller.scope)} problem={problem} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <MonthNav month={month} keep={filterParams(filters)} />
      <MonthStatus caller={caller} report={report} />
      <FiguresAsOf at={reader.figuresAsOf()} />
      {pending && <PendingCorrectionsNote month={month} pending={pending} currency={report.currency} />}
      <Downloads month={month} />
      <dl className="cards">
        <Card label={projection ? "Cost, month to date" : "Total cost"} testId="total">
          {money(report.total)}
        </Card>
        {projection && (
          <Card label="Projected month end" testId="projected">
            {money(formatCents(projection.projectedCents))}
            <span className="hint">
              run rate of {projection.daysElapsed} of {projection.daysInMonth} days
              {comparable && previousWhole.total !== "0.00" && (
                <>
                  ; {percentChange(projection.projectedCents, parseCents(previousWhole.total))} against {previousWhole.month}'s {money(previousWhole.total)}
                </>
              )}
            </span>
          </Card>
        )}
        <Card label={`Change vs ${basis.label}`} testId="change">
          {change ?? "—"}
          <span className="hint">
            {!comparable
              ? `last month is in ${previous.currency}`
              : previous.total === "0.00"
                ? "no cost then"
                : `${basis.usageOnly ? "usage " : ""}${money(compared.total)} from ${money(previous.total)}`}
          </span>
        </Card>
        {report.listTotal !== report.total && (
          <Card label="At list prices" testId="list-total">
            {money(report.listTotal)}
            <span className="hint">discounts {money(formatCents(parseCents(report.listTotal) - parseCents(report.total)))}</span>
          </Card>
        )}
        <UsageCards requests={requests} tokens={tokens} />
        {everyUnit && (
          <Card label="Unmapped cost" testId="unmapped">
            {/* Corrections can take more out of unmapped than the month added: never a negative cost. */}
            {report.unmapped.cost.startsWith("-") ? `${money(report.unmapped.cost.slice(1))} moved out of unmapped` : money(report.unmapped.cost)}
            {unmappedApps > 0 && (
              <a className="hint" href={`/unmapped?month=${month}`} data-testid="unmapped-by-name">
                see the {unmappedApps} apps by name
              </a>
            )}
            {may(caller, "mappings:write") && unmappedApps > 0 && (
              <a className="hint" href="/admin/mappings">
                assign {unmappedApps} apps
              </a>
            )}
            {report.unmapped.unallocated !== "0.00" && may(caller, "splits:write") && (
              <a className="hint" href="/admin/splits">
                {money(report.unmapped.unallocated)} unallocated by split rules
              </a>
            )}
          </Card>
        )}
        {report.adjustments.length > 0 && (
          <Card label="Corrections" testId="corrections">
            {money(formatCents(report.adjustments.reduce((sum, a) => sum + parseCents(a.cost), 0n)))}
            <a className="hint" href={`/corrections?month=${month}`}>
              to {new Set(report.adjustments.map((a) => a.forMonth)).size === 1 ? report.adjustments[0]?.forMonth : "closed months"}, booked here
            </a>
          </Card>
        )}
        <Card label="Unpriced requests" testId="unpriced">
          {formatCount(report.unpriced.requests)}
        </Card>
        <Card
          label="Usage unknown"
          testId="usage-unknown-total"
          title="Billed calls that reported no tokens (cut off, timed out, filtered prompts): not priced, never counted as zero"
        >
          {formatCount(calls.usageUnknown)}
        </Card>
        <Card label="Failed calls" testId="failed-total">
          {formatCount(calls.failed)}
        </Card>
      </dl>
      {!filtered && <BudgetOutlookSection title={`Budget and forecast, ${month}`} outlook={outlook} flagged={flagged} />}
      {noUnits ? (
        <p className="empty">You own no business unit yet. Ask a Chargeback admin to add you (or a group you are in) as an owner.</p>
      ) : empty ? (
        <p className="empty">
          No usage recorded for {month}. Ingest events with <code>chargeback ingest</code> or start the worker.
        </p>
      ) : (
        <Overview
          report={report}
          byApp={byApp}
          byModel={byModel}
          trend={trend}
          month={month}
          changes={changes}
          sorts={sorts}
          keep={keep}
          address={{ path: "/", params: addressParams({ ...search, error: undefined }, keep) }}
        />
      )}
      {!noUnits && !filtered && explanation && explanation.pieces.length > 0 && <ChangeExplanation change={explanation} />}
    </>
  );
}

type OverviewProps = {
  changes: { units?: RowChanges; apps?: RowChanges; models?: RowChanges };
  sorts: OverviewSorts;
  report: ChargebackReport;
  byApp: ChargebackReport;
  byModel: ChargebackReport;
  /** A tag filter has no daily figures: no chart then. */
  trend: MonthView["trend"] | null;
  month: string;
  /** The page's month and filters, kept by every sort link. */
  keep: [string, string][];
  /** Every parameter of the address, kept by every sort link. */
  address: PageAddress;
};

function Overview({ report, byApp, byModel, trend, month, changes, sorts, keep, address }: OverviewProps) {
  const unitName = (u: string) => (u === "" ? UNMAPPED : u);
  // Each table's order is in the address, keeping the others' and the filters.
  const href = sortHrefs("/", address.params, { sort: sorts.units, appSort: sorts.apps, modelSort: sorts.models });
  const dayQuery = new URLSearchParams(keep.filter(([name]) => name !== "month")).toString();
  return (
    <div className="stack">
      <div className="charts">
        <CostBarChart title="Cost by business unit" currency={report.currency} data={report.rows.map((r) => ({ name: r.name, cost: Number(r.cost) }))} />
        {trend ? (
          <DailyTrendChart
            title="Daily cost by business unit"
            currency={report.currency}
            units={trend.units.map(unitName)}
            days={trend.days.map((day) => ({ day, ...Object.fromEntries(trend.units.map((u) => [unitName(u), Number(trend.cost[day]?.[u] ?? 0)])) }))}
            link={{ query: dayQuery, unitParam: !keep.some(([name]) => name === "unit") }}
          />
        ) : (
          <p className="note">The daily chart is not split by tag: remove the tag filter to see it.</p>
        )}
      </div>
      <CostTable
        caption="Cost by business unit"
        dimension="Business unit"
        rows={sortRows(report.rows, sorts.units, changes.units ?? null)}
        total={report.total}
        currency={report.currency}
        testId="bu"
        href={(row) => unitHref(row.key, month)}
        extraRow={<UnmappedRow report={report} changeColumns={changes.units !== undefined} />}
        changes={changes.units}
        sort={{ by: sorts.units, href: href("sort") }}
      />
      <CostTable
        caption="Top 10 apps"
        dimension="App"
        rows={sortRows(byApp.rows, sorts.apps, changes.apps ?? null).slice(0, 10)}
        total={byApp.total}
        totalLabel="Total of all apps"
        currency={report.currency}
        testId="top-app"
        href={(row) => appHref(row.key, month)}
        extraRow={<UnmappedRow report={byApp} changeColumns={changes.apps !== undefined} />}
        changes={changes.apps}
        sort={{ by: sorts.apps, href: href("appSort") }}
      />
      <CostTable
        caption="Cost by model"
        dimension="Model"
        rows={sortRows(byModel.rows, sorts.models, changes.models ?? null)}
        total={byModel.total}
        currency={report.currency}
        testId="model"
        href={(row) => modelHref(row.key, month)}
        extraRow={<UnmappedRow report={byModel} changeColumns={changes.models !== undefined} />}
        changes={changes.models}
        sort={{ by: sorts.models, href: href("modelSort") }}
      />
      {report.adjustments.length > 0 && <AdjustmentsTable adjustments={report.adjustments} currency={report.currency} address={address} />}
    </div>
  );
}
