import { may, type Caller } from "@/lib/auth/access";
import type { ChargebackReport } from "@/lib/reports/getChargebackReport";
import { currentMonth } from "@/lib/core/clock";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Whether the month is closed, and for finance the way to its close workspace (checklist, close, reopen, statements). */
export function MonthStatus({ caller, report }: { caller: Caller; report: ChargebackReport }) {
  const finance = may(caller, "months:close");
  const workspace = `/close?month=${report.month}`;
  if (report.closed) {
    return (
      <section className="status closed" aria-label="Month status">
        <p data-testid="month-status">
          Closed {when(report.closed.closedAt)} by {report.closed.closedBy}: these figures are the frozen statement and will not change.
        </p>
        {finance && <a href={workspace}>Statements issued for {report.month}</a>}
      </section>
    );
  }
  const ended = report.month < currentMonth();
  return (
    <section className="status" aria-label="Month status">
      <p data-testid="month-status">
        {ended ? `${report.month} is open: figures follow mapping and price fixes until finance closes it.` : `${report.month} is in progress (month to date).`}
      </p>
      {finance && ended && (
        <a href={workspace} className="button primary">
          Close {report.month}…
        </a>
      )}
    </section>
  );
}
