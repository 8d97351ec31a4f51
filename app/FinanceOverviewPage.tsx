import "server-only";
import { getChargebackReport } from "../lib/reports/getChargebackReport";
import { formatCount, formatMoney } from "../lib/reports/formatMoney";
import { getSharedStore } from "../lib/store";
import { MonthNav } from "./_components/MonthNav";
import { CostByUnitTable } from "./_components/CostByUnitTable";

export async function FinanceOverviewPage({ month, invalidMonth }: { month: string; invalidMonth: boolean }) {
  const report = await getChargebackReport(getSharedStore(), month, "business-unit");
  const requests = report.rows.reduce((n, r) => n + r.requests, 0) + report.unmapped.requests;
  return (
    <>
      <h1>Chargeback for {month}</h1>
      <p className="sub">Azure OpenAI cost per business unit, priced at the Retail Prices in effect on each day (UTC).</p>
      {invalidMonth && <p className="note" role="alert">That month is not a valid YYYY-MM; showing {month}.</p>}
      <MonthNav month={month} />
      <dl className="cards">
        <div className="card"><dt>Total cost</dt><dd data-testid="total">{formatMoney(report.total, report.currency)}</dd></div>
        <div className="card"><dt>Requests</dt><dd>{formatCount(requests)}</dd></div>
        <div className="card"><dt>Unmapped cost</dt><dd data-testid="unmapped">{formatMoney(report.unmapped.cost, report.currency)}</dd></div>
        <div className="card"><dt>Unpriced requests</dt><dd data-testid="unpriced">{formatCount(report.unpriced.requests)}</dd></div>
      </dl>
      {report.rows.length === 0 && report.unmapped.requests === 0 ? (
        <p className="empty">No usage recorded for {month}. Ingest events with <code>chargeback ingest</code> or start the worker.</p>
      ) : (
        <CostByUnitTable report={report} />
      )}
    </>
  );
}
