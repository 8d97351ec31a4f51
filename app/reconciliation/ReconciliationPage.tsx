import { InvalidMonthNote, type MonthNote } from "@/app/_components/InvalidMonthNote";
import type { Reconciliation } from "@/lib/reconciliation/getReconciliation";
import { LARGE_GAP_PERCENT } from "@/lib/reconciliation/getReconciliation";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { MonthNav } from "../_components/MonthNav";
import { InvoiceUpload } from "./InvoiceUpload";
import { MeterTable } from "./MeterTable";

const percent = (p: string | null) => (p === null ? "—" : `${p}%`);

/** The figures of `chargeback reconcile --format json`, as a table per meter and the days with a large gap. */
type Props = { reconciliation: Reconciliation; monthNote: MonthNote; canUpload: boolean; imported?: string };

export function ReconciliationPage({ reconciliation: r, monthNote, canUpload, imported }: Props) {
  const money = (amount: string) => formatMoney(amount, r.currency);
  const others = Object.entries(r.otherCurrencies);
  return (
    <>
      <h1>Reconciliation: {r.month}</h1>
      <p className="sub">
        The Azure bill (imported with <code>chargeback invoice import</code>, effective cost with credits) beside our events charged as the reports charge them,
        per region, model, deployment type and token kind. Variance is invoiced minus computed.
      </p>
      <InvalidMonthNote note={monthNote} month={r.month} />
      <MonthNav month={r.month} path="/reconciliation" />
      {imported && (
        <p className="note" role="status" data-testid="upload-done">
          {imported}
        </p>
      )}
      {!r.invoiced && (
        <section className="note" data-testid="no-invoice" aria-labelledby="no-invoice">
          <h2 id="no-invoice">No Azure invoice is imported for {r.month}</h2>
          <p>
            There is nothing to reconcile against yet: below is only our side, the month's events charged as the reports charge them. Export the month's cost
            details from Cost Management (Exports: cost and usage details, actual or amortized, or FOCUS), then import the file with{" "}
            <code>chargeback invoice import &lt;file&gt;</code>
            {canUpload && " or upload it below"}. A month can be closed on actual cost only once its invoice is imported.
          </p>
        </section>
      )}
      {canUpload && (
        <details open={!r.invoiced}>
          <summary>Import a cost export</summary>
          <InvoiceUpload month={r.month} />
        </details>
      )}
      <dl className="cards">
        {r.invoiced && (
          <div className="card">
            <dt>Invoiced</dt>
            <dd data-testid="total-invoiced">{money(r.total.invoicedCost)}</dd>
          </div>
        )}
        <div className="card">
          <dt>Computed</dt>
          <dd data-testid="total-computed">{money(r.total.computedCost)}</dd>
        </div>
        {r.invoiced && (
          <div className="card">
            <dt>Variance</dt>
            <dd data-testid="total-variance">
              {money(r.total.variance)} ({percent(r.total.variancePercent)})
            </dd>
          </div>
        )}
      </dl>
      {r.causes.length > 0 && (
        <table data-testid="causes">
          <caption>Variance by likely cause</caption>
          <thead>
            <tr>
              <th scope="col">Likely cause</th>
              <th scope="col" className="num">
                Meters
              </th>
              <th scope="col" className="num">
                Variance
              </th>
            </tr>
          </thead>
          <tbody>
            {r.causes.map((c) => (
              <tr key={c.cause}>
                <th scope="row">{c.cause}</th>
                <td className="num">{c.meters}</td>
                <td className="num">{money(c.variance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {others.length > 0 && (
        <p className="note">
          Invoice rows in other currencies than {r.currency} are not compared: {others.map(([c, n]) => `${c} (${n} rows)`).join(", ")}.
        </p>
      )}
      {/* A wide table scrolls within the page; the keyboard can reach and scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1) */}
      <section className="table-scroll" tabIndex={0} aria-label="Per meter (scrolls sideways)">
        <MeterTable r={r} money={money} />
      </section>
      {r.invoiced && (
        <table>
          <caption>Days where billed and gateway tokens differ by more than {LARGE_GAP_PERCENT.toString()}%</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className="num">
                Invoice tokens
              </th>
              <th scope="col" className="num">
                Event tokens
              </th>
              <th scope="col" className="num">
                Invoiced
              </th>
              <th scope="col" className="num">
                Computed
              </th>
              <th scope="col" className="num">
                Variance
              </th>
            </tr>
          </thead>
          <tbody>
            {r.gapDays.length === 0 && (
              <tr>
                <td colSpan={6}>No day with a large gap.</td>
              </tr>
            )}
            {r.gapDays.map((d) => (
              <tr key={d.day} data-testid="gap-day">
                <th scope="row">{d.day}</th>
                <td className="num">{formatCount(d.invoiceTokens)}</td>
                <td className="num">{formatCount(d.eventTokens)}</td>
                <td className="num">{money(d.invoicedCost)}</td>
                <td className="num">{money(d.computedCost)}</td>
                <td className="num">{money(d.variance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
