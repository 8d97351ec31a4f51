import { may, type Caller } from "@/lib/auth/access";
import type { ChargebackReport } from "@/lib/reports/getChargebackReport";
import { currentMonth } from "@/lib/core/clock";
import { closeMonthAction, reopenMonthAction } from "../_actions/monthActions";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Whether the month is closed, and for finance the button that closes or reopens it. */
export function MonthStatus({ caller, report }: { caller: Caller; report: ChargebackReport }) {
  const finance = may(caller, "months:close");
  if (report.closed) {
    return (
      <section className="status closed" aria-label="Month status">
        <p data-testid="month-status">
          Closed {when(report.closed.closedAt)} by {report.closed.closedBy}: these figures are the frozen statement and will not change.
        </p>
        {finance && (
          <form action={reopenMonthAction} className="fields">
            <input type="hidden" name="month" value={report.month} />
            <label>
              Reason to reopen
              <textarea name="reason" required minLength={10} rows={2} />
            </label>
            <button type="submit">Reopen {report.month}</button>
          </form>
        )}
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
        <form action={closeMonthAction} className="fields">
          <input type="hidden" name="month" value={report.month} />
          <label>
            Close on
            <select name="basis" defaultValue="list">
              <option value="list">computed cost (list prices, discounts)</option>
              <option value="actual">actual cost (the imported Azure invoice, with a true-up per app)</option>
            </select>
          </label>
          <label>
            Invoiced cost with no usage goes to
            <input name="unmatched" defaultValue="pro-rata" aria-describedby="unmatched-hint" />
            <span id="unmatched-hint" className="hint">
              pro-rata, or a cost center (actual cost only)
            </span>
          </label>
          <button type="submit" className="primary">
            Close {report.month}
          </button>
        </form>
      )}
    </section>
  );
}
