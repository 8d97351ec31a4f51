import "server-only";
import { seesEveryUnit, type Caller } from "@/lib/auth/access";
import { formatCents, parseCents } from "@/lib/core/money";
import { dayBefore, nextDay } from "@/lib/core/months";
import { today } from "@/lib/core/clock";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { getDayReport, type DayBreakdown } from "@/lib/reports/getDayReport";
import { percentChange } from "@/lib/reports/projection";
import { filterParams, type ReportQuery } from "@/lib/reports/reportFilters";
import { onlyUnits } from "@/lib/reports/reportScope";
import { sortRows, type RowSort } from "@/lib/reports/rowChanges";
import { getSharedStore } from "@/lib/store";
import { CostTable } from "@/app/_components/CostTable";
import type { TablePaging } from "@/app/_components/PagedTable";
import { pageHref, sortHrefs } from "@/app/_components/pageHref";
import { appHref, modelHref, unitHref } from "@/app/_components/unitHref";

type Sorts = { unit: RowSort; app: RowSort; model: RowSort };
type Props = { caller: Caller; day: string; query: ReportQuery; problem: string | null; sorts: Sorts; appSearch: { q: string; page: number } };

/** The day's figures beside the day before's; each table's rows sort by cost, change or name. */
export async function DayPage({ caller, day, query, problem, sorts, appSearch }: Props) {
  const { filters } = query;
  const scope = filters.units.length > 0 ? onlyUnits(filters.units) : caller.scope;
  const report = await getDayReport(new LedgerReader(getSharedStore()), day, scope, filters);
  const month = day.slice(0, 7);
  const keep = filterParams({ ...filters, tags: [] });
  const path = `/days/${day}`;
  const href = sortHrefs(path, keep, { unitSort: sorts.unit, appSort: sorts.app, modelSort: sorts.model }, { appSort: "delta" });
  const money = (a: string) => formatMoney(a, report.currency);
  const delta = parseCents(report.total) - parseCents(report.previousTotal);
  const [unit] = filters.units;
  const table = (
    b: DayBreakdown,
    caption: string,
    dimension: string,
    testId: string,
    by: RowSort,
    param: "unitSort" | "appSort" | "modelSort",
    link: (k: string) => string,
    paging?: TablePaging,
  ) => (
    <CostTable
      paging={paging}
      caption={caption}
      dimension={dimension}
      rows={sortRows(b.rows, by, b.changes)}
      total={formatCents(b.rows.reduce((s, r) => s + parseCents(r.cost), 0n))}
      currency={report.currency}
      testId={testId}
      href={(row) => link(row.key)}
      changes={b.changes}
      sort={{ by, href: href(param) }}
    />
  );
  return (
    <>
      <p className="crumbs">
        {seesEveryUnit(caller) || caller.ownedUnits.length > 1 ? <a href={pageHref("/", [["month", month]])}>Overview</a> : "Overview"}
        {unit && (
          <>
            {" "}
            › <a href={unitHref(unit, month)}>{unit}</a>
          </>
        )}{" "}
        › {day}
      </p>
      <h1>
        {unit ? `${unit}: ` : ""}
        {day} (UTC)
      </h1>
      <p className="sub">
        What the day cost by app, model and token kind, against {report.previousDay}, priced and mapped as today. Markups and corrections are booked per month
        and are not in a day.
      </p>
      {problem && (
        <p className="note" role="alert">
          {problem} Showing the day without that filter.
        </p>
      )}
      {filters.tags.length > 0 && (
        <p className="note" role="status">
          Tag filters do not apply to a day: showing it without the tag.
        </p>
      )}
      <nav className="months" aria-label="Day">
        <a href={pageHref(`/days/${dayBefore(day)}`, keep)}>← {dayBefore(day)}</a>
        <a href={pageHref("/", [["month", month], ...keep])}>Month {month}</a>
        {nextDay(day) <= today() && <a href={pageHref(`/days/${nextDay(day)}`, keep)}>{nextDay(day)} →</a>}
      </nav>
      <dl className="cards">
        <div className="card">
          <dt>Cost</dt>
          <dd data-testid="day-total">{money(report.total)}</dd>
        </div>
        <div className="card">
          <dt>Change vs {report.previousDay}</dt>
          <dd data-testid="day-change">
            {percentChange(parseCents(report.total), parseCents(report.previousTotal)) ?? "—"}
            <span className="hint">
              {delta >= 0n ? "+" : ""}
              {money(formatCents(delta))} from {money(report.previousTotal)}
            </span>
          </dd>
        </div>
      </dl>
      <div className="stack">
        {table(report.byApp, "Apps: what drove the day", "App", "day-app", sorts.app, "appSort", (k) => appHref(k, month), {
          path,
          keep: [...keep, ["unitSort", sorts.unit], ["appSort", sorts.app], ["modelSort", sorts.model]],
          ...appSearch,
          qName: "appQ",
          pageName: "appPage",
          label: "Search apps",
        })}
        {table(report.byModel, "Models", "Model", "day-model", sorts.model, "modelSort", (k) => modelHref(k, month))}
        {!unit && table(report.byUnit, "Business units", "Business unit", "day-unit", sorts.unit, "unitSort", (k) => pageHref(`/days/${day}`, [["unit", k]]))}
        <table data-testid="day-kinds">
          <caption>Tokens by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                {day}
              </th>
              <th scope="col" className="num">
                {report.previousDay}
              </th>
              <th scope="col" className="num">
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            {report.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">{k.label}</th>
                <td className="num">{formatCount(k.count)}</td>
                <td className="num">{formatCount(k.previous)}</td>
                <td className="num">
                  {k.count >= k.previous ? "+" : ""}
                  {formatCount(k.count - k.previous)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
