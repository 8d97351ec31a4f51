import "server-only";
import type { Caller } from "@/lib/auth/access";
import { UserError } from "@/lib/core/errors";
import type { LedgerReader } from "@/lib/ledger/ledgerReader";
import { appRangeLines } from "@/lib/reports/appRangeLines";
import { reportFromLines } from "@/lib/reports/getChargebackReport";
import type { ReportFilters } from "@/lib/reports/reportFilters";
import type { ReportRange } from "@/lib/reports/reportRange";
import { sortRows, type RowSort } from "@/lib/reports/rowChanges";
import { CostTable } from "@/app/_components/CostTable";
import { SummaryCards } from "@/app/_components/SummaryCards";
import { UnmappedRow } from "@/app/_components/UnmappedRow";
import { modelHref } from "@/app/_components/unitHref";

type Props = {
  reader: LedgerReader;
  caller: Caller;
  appId: string;
  range: ReportRange;
  filters: ReportFilters;
  sorts: { modelSort: RowSort; ccSort: RowSort };
  sortHref: (param: "modelSort" | "ccSort") => (by: RowSort) => string;
  /** The address of the month's detailed view (no filters). */
  monthHref: string;
};

/**
 * The app over a period or under a model or tag filter: the months' own lines of the app (frozen
 * for closed months, stored per app), filtered month by month and added up, by model and cost center, within the
 * caller's scope. Deployments, operations, days and hours are split per month of unfiltered usage,
 * so they stay on the month's detailed view.
 */
export async function AppPeriodFigures({ reader, caller, appId, range, filters, sorts, sortHref, monthHref }: Props) {
  const lines = await appRangeLines(reader, range.months, appId, filters).catch((e: unknown) => {
    if (e instanceof UserError) return e.message;
    throw e;
  });
  if (typeof lines === "string")
    return (
      <p className="note" role="alert">
        {lines}
      </p>
    );
  const byModel = reportFromLines(lines, "model", caller.scope);
  const byCostCenter = reportFromLines(lines, "cost-center", caller.scope);
  const requests = byCostCenter.rows.reduce((n, r) => n + r.requests, 0) + byCostCenter.unmapped.requests;
  const tokens = byCostCenter.rows.reduce((n, r) => n + r.totalTokens, 0);
  const { currency } = byModel;
  return (
    <>
      <p className="sub">
        {range.months.length > 1
          ? `${range.months.length} months added up, each as its report shows it (closed months as frozen in their statements)`
          : "Filtered"}
        , in {currency}. Deployments, operations and the daily and hourly charts are on <a href={monthHref}>the month&apos;s detailed view</a>.
      </p>
      <SummaryCards costLabel="Cost" cost={byModel.total} currency={currency} requests={requests} tokens={tokens} />
      {byModel.rows.length === 0 && byModel.unmapped.apps.length === 0 ? (
        <p className="empty">No usage of this app you may see in {range.label} with these filters.</p>
      ) : (
        <div className="stack">
          <CostTable
            caption="Cost by model"
            dimension="Model"
            rows={sortRows(byModel.rows, sorts.modelSort, null)}
            total={byModel.total}
            currency={currency}
            testId="app-model"
            href={(row) => modelHref(row.key, range.to)}
            extraRow={<UnmappedRow report={byModel} />}
            sort={{ by: sorts.modelSort, href: sortHref("modelSort") }}
          />
          <CostTable
            caption="Cost by cost center"
            dimension="Cost center"
            rows={sortRows(byCostCenter.rows, sorts.ccSort, null)}
            total={byCostCenter.total}
            currency={currency}
            testId="app-cc"
            extraRow={<UnmappedRow report={byCostCenter} />}
            sort={{ by: sorts.ccSort, href: sortHref("ccSort") }}
          />
        </div>
      )}
    </>
  );
}
