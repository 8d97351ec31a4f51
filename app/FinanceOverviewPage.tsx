import "server-only";
import { seesEveryUnit, type Caller } from "../lib/auth/access";
import { getChargebackReport } from "../lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "../lib/reports/formatMoney";
import { getSharedStore } from "../lib/store";
import { CostTable } from "./_components/CostTable";
import { MonthNav } from "./_components/MonthNav";
import { unitHref } from "./_components/unitHref";

/** The month by business unit: every unit for finance and admins, a unit owner's own otherwise. */
export async function FinanceOverviewPage({ caller, month, invalidMonth }: { caller: Caller; month: string; invalidMonth: boolean }) {
  const report = await getChargebackReport(getSharedStore(), month, "business-unit", caller.scope);
  const everyUnit = seesEveryUnit(caller);
  const requests = report.rows.reduce((n, r) => n + r.requests, 0) + report.unmapped.requests;
  return (
    <>
      <h1>Chargeback for {month}</h1>
      <p className="sub">
        {everyUnit ? "Azure OpenAI cost per business unit" : `Azure OpenAI cost of ${caller.ownedUnits.join(", ") || "no business unit"}`}, priced
        at the Retail Prices in effect on each day (UTC).
      </p>
      {invalidMonth && <p className="note" role="alert">That month is not a valid YYYY-MM; showing {month}.</p>}
      <MonthNav month={month} />
      <dl className="cards">
        <div className="card"><dt>Total cost</dt><dd data-testid="total">{formatMoney(report.total, report.currency)}</dd></div>
        <div className="card"><dt>Requests</dt><dd>{formatCount(requests)}</dd></div>
        {everyUnit && <div className="card"><dt>Unmapped cost</dt><dd data-testid="unmapped">{formatMoney(report.unmapped.cost, report.currency)}</dd></div>}
        <div className="card"><dt>Unpriced requests</dt><dd data-testid="unpriced">{formatCount(report.unpriced.requests)}</dd></div>
      </dl>
      {!everyUnit && caller.ownedUnits.length === 0 ? (
        <p className="empty">You own no business unit yet. Ask a Chargeback admin to add you (or a group you are in) as an owner.</p>
      ) : report.rows.length === 0 && report.unmapped.requests === 0 ? (
        <p className="empty">No usage recorded for {month}. Ingest events with <code>chargeback ingest</code> or start the worker.</p>
      ) : (
        <CostTable
          caption="Cost by business unit"
          dimension="Business unit"
          rows={report.rows}
          total={report.total}
          currency={report.currency}
          testId="bu"
          href={(row) => unitHref(row.key, month)}
          extraRow={
            report.unmapped.requests > 0 && (
              <tr data-testid="unmapped-row">
                <th scope="row">Unmapped apps ({report.unmapped.apps.length})</th>
                <td className="num">{formatMoney(report.unmapped.cost, report.currency)}</td>
                <td className="num">{formatCount(report.unmapped.requests)}</td>
                <td className="num">—</td>
                <td />
              </tr>
            )
          }
        />
      )}
    </>
  );
}
