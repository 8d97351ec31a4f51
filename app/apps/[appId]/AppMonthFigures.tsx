import "server-only";
import { describeBilled } from "@/lib/reports/describeBilled";
import { FiguresAsOf } from "@/app/_components/FiguresAsOf";
import { seesEveryUnit, type Caller } from "@/lib/auth/access";
import { formatCents, parseCents } from "@/lib/core/money";
import { getAppReport, type AppReport } from "@/lib/reports/getAppReport";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { getSharedStore } from "@/lib/store";
import type { LedgerReader } from "@/lib/ledger/ledgerReader";
import { TrendChart } from "@/app/_components/charts/TrendChart";
import { CostTable } from "@/app/_components/CostTable";
import { getTagKeys } from "@/lib/reports/getTagKeys";
import { hourlySeries } from "@/lib/reports/hourlySeries";
import { mergeOperations } from "@/lib/reports/operationName";
import { modelHref } from "@/app/_components/unitHref";
import { DimensionBreakdown } from "@/app/_components/DimensionBreakdown";
import { FailedCallsTable } from "@/app/_components/FailedCallsTable";
import { MappingHistoryTable } from "@/app/_components/MappingHistoryTable";
import type { PageAddress } from "@/app/_components/columnSort";
import { breakdownParam } from "@/lib/reports/breakdownParam";
import { getCallOutcomes } from "@/lib/reports/getCallOutcomes";
import { getDimensionReport } from "@/lib/reports/getDimensionReport";
import { getBudgetOutlook } from "@/lib/budgets/getBudgetOutlook";
import { getAnomalies } from "@/lib/budgets/getAnomalies";
import { flaggedDays } from "@/lib/budgets/flaggedDays";
import { BudgetOutlookSection } from "@/app/_components/BudgetOutlookSection";
import { sortRows, type RowSort } from "@/lib/reports/rowChanges";

type MonthSorts = { modelSort: RowSort; deploymentSort: RowSort; operationSort: RowSort };

type Props = {
  reader: LedgerReader;
  caller: Caller;
  appId: string;
  month: string;
  path: string;
  /** The page's parameters and the tables' orders: what the breakdown's forms and pager keep. */
  keep: [string, string][];
  sorts: MonthSorts;
  sortHref: (param: keyof MonthSorts) => (by: RowSort) => string;
  breakdown: string | undefined;
  q: string;
  page: number;
  /** Every parameter of the page's address: what the small tables' sort links keep. */
  address: PageAddress;
};

/** One app's month in detail, unfiltered: by model, deployment, operation and a tag or end user, daily cost, hourly calls, model time, failed calls, mapping history. */
export async function AppMonthFigures({ reader, caller, appId, month, path, keep, sorts, sortHref, breakdown, q, page, address }: Props) {
  const store = getSharedStore();
  const app = await getAppReport(reader, appId, month, caller.scope);
  // The page checked the app is visible before streaming this; a change in between reads as no usage.
  if (!app) return <p className="empty">No usage of this app you may see in {month}.</p>;
  const pick = breakdownParam(breakdown);
  const within = seesEveryUnit(caller) ? ("all" as const) : caller.ownedUnits;
  const [byValue, calls, tagKeys] = await Promise.all([
    getDimensionReport(reader, month, pick.by, { scope: caller.scope, onlyApp: appId }),
    getCallOutcomes(reader, month, caller.scope, appId),
    getTagKeys(store, month),
  ]);
  // Streamed after the figures (BudgetOutlookSection): started here, awaited there.
  const outlook = store.listBudgets().then((budgets) => getBudgetOutlook(reader, month, { scope: `app:${appId}`, within }, budgets));
  const flagged = store
    .listAnomalyDecisions()
    .then((decisions) => getAnomalies(reader, month, decisions, { units: within === "all" ? "all" : new Set(within) }))
    .then((found) => flaggedDays(found, "app", appId));
  const money = (a: string) => formatMoney(a, app.currency);
  return (
    <>
      <DirectoryDetails app={app} />
      <FiguresAsOf at={reader.figuresAsOf()} />
      <dl className="cards">
        <div className="card">
          <dt>Cost</dt>
          <dd data-testid="total">{money(app.total)}</dd>
        </div>
        <div className="card">
          <dt>Requests</dt>
          <dd>{formatCount(app.tokens.requests)}</dd>
        </div>
        <div className="card">
          <dt>Prompt / cached / completion tokens</dt>
          <dd className="small">
            {formatCount(app.tokens.promptTokens)} / {formatCount(app.tokens.cachedTokens)} / {formatCount(app.tokens.completionTokens)}
          </dd>
        </div>
        {describeBilled(app.tokens) !== "" && (
          <div className="card">
            <dt>Of which billed apart</dt>
            <dd className="small" data-testid="billed-apart">
              {describeBilled(app.tokens)}
            </dd>
          </div>
        )}
        <div className="card">
          <dt>Model time, average</dt>
          <dd>{app.avgModelTimeMs === null ? "—" : `${formatCount(app.avgModelTimeMs)} ms`}</dd>
        </div>
        <div className="card">
          <dt>Model time, p95</dt>
          <dd data-testid="p95">
            {app.p95ModelTimeMs === null ? "—" : app.p95ModelTimeMs === Infinity ? "over 60 s" : `≤ ${formatCount(app.p95ModelTimeMs)} ms`}
          </dd>
        </div>
      </dl>
      <BudgetOutlookSection title={`Budget and forecast of ${app.appName}, ${month}`} outlook={outlook} flagged={flagged} />
      {app.tokens.requests === 0 && app.adjustments === "0.00" ? (
        <p className="empty">
          No usage of {app.appName} recorded for {month}.
        </p>
      ) : (
        <div className="stack">
          <div className="charts">
            <TrendChart
              title="Cost per day (UTC)"
              kind="bar"
              unit="money"
              currency={app.currency}
              points={app.daily.map((d) => ({ x: d.day, y: Number(d.cost) }))}
              ticks="day"
              link={{ query: `app=${encodeURIComponent(appId)}` }}
            />
            <TrendChart
              title="Requests per hour (UTC)"
              kind="line"
              unit="count"
              points={hourlySeries(app.hourly).map((h) => ({ x: `${h.hour}:00`, y: h.requests }))}
              ticks="hour"
            />
          </div>
          <CostTable
            caption="Cost by model"
            dimension="Model"
            rows={sortRows(app.byModel, sorts.modelSort, null)}
            total={app.total}
            currency={app.currency}
            testId="app-model"
            href={(row) => modelHref(row.key, month)}
            sort={{ by: sorts.modelSort, href: sortHref("modelSort") }}
          />
          <CostTable
            caption="Cost by deployment"
            dimension="Deployment"
            rows={sortRows(app.byDeployment, sorts.deploymentSort, null)}
            total={formatTotal(app.total, app.adjustments)}
            currency={app.currency}
            testId="app-deployment"
            sort={{ by: sorts.deploymentSort, href: sortHref("deploymentSort") }}
          />
          <CostTable
            caption="Cost by operation"
            dimension="Operation"
            rows={sortRows(mergeOperations(app.byOperation), sorts.operationSort, null)}
            total={formatTotal(app.total, app.adjustments)}
            currency={app.currency}
            testId="app-operation"
            sort={{ by: sorts.operationSort, href: sortHref("operationSort") }}
          />
          {app.adjustments !== "0.00" && (
            <p>
              Adjustments to closed months booked in {month}: {money(app.adjustments)} (in the cost by model; not split by deployment or operation).
            </p>
          )}
          <DimensionBreakdown report={byValue} asked={pick.asked} invalid={pick.invalid} path={path} keep={keep} keys={tagKeys} q={q} page={page} />
        </div>
      )}
      <FailedCallsTable calls={calls} month={month} address={address} />
      <MappingHistoryTable mappings={app.mappings} address={address} />
    </>
  );
}

/** Who the app is, as Microsoft Graph says. */
function DirectoryDetails({ app }: { app: AppReport }) {
  const d = app.directory;
  if (!d)
    return (
      <p className="sub">
        App id <code>{app.appId}</code>; not looked up in Microsoft Graph yet (<code>chargeback apps sync</code>).
      </p>
    );
  if (d.status === "unknown") {
    return (
      <p className="sub" data-testid="directory">
        App id <code>{app.appId}</code>: no service principal in the tenant. The app was deleted, or belongs to another tenant.
      </p>
    );
  }
  const owners = d.owners.map((o) => o.userPrincipalName ?? o.displayName).join(", ") || "none listed";
  return (
    <p className="sub" data-testid="directory">
      App id <code>{app.appId}</code> · {d.servicePrincipalType === "ManagedIdentity" ? "managed identity" : "application"}
      {d.appOwnerOrganizationId && (
        <>
          {" "}
          · home tenant <code>{d.appOwnerOrganizationId}</code>
        </>
      )}{" "}
      · owners: {owners} · from Microsoft Graph, {new Date(d.syncedAt).toISOString().slice(0, 10)}
    </p>
  );
}

/** The deployment and operation tables split the month's own usage; adjustments are only in the cost by model. */
const formatTotal = (total: string, adjustments: string) => formatCents(parseCents(total) - parseCents(adjustments));
