import type { Reconciliation } from "../../lib/reconciliation/getReconciliation";
import { LARGE_GAP_PERCENT } from "../../lib/reconciliation/getReconciliation";
import { formatCount, formatMoney } from "../../lib/reports/formatMoney";
import { MonthNav } from "../_components/MonthNav";

const percent = (p: string | null) => (p === null ? "—" : `${p}%`);
const shortId = (id: string) => id.split("/").at(-1) ?? id;

/** The figures of `chargeback reconcile --format json`, as a table per meter and the days with a large gap. */
export function ReconciliationPage({ reconciliation: r, invalidMonth }: { reconciliation: Reconciliation; invalidMonth: boolean }) {
  const money = (amount: string) => formatMoney(amount, r.currency);
  const others = Object.entries(r.otherCurrencies);
  return (
    <>
      <h1>Reconciliation: {r.month}</h1>
      <p className="sub">
        The Azure bill (imported with <code>chargeback invoice import</code>, effective cost with credits) beside our events charged as the reports charge them,
        per region, model, deployment type and token kind. Variance is invoiced minus computed.
      </p>
      {invalidMonth && (
        <p className="note" role="alert">
          That month is not a valid YYYY-MM; showing {r.month}.
        </p>
      )}
      <MonthNav month={r.month} path="/reconciliation" />
      <dl className="cards">
        <div className="card">
          <dt>Invoiced</dt>
          <dd data-testid="total-invoiced">{money(r.total.invoicedCost)}</dd>
        </div>
        <div className="card">
          <dt>Computed</dt>
          <dd data-testid="total-computed">{money(r.total.computedCost)}</dd>
        </div>
        <div className="card">
          <dt>Variance</dt>
          <dd data-testid="total-variance">
            {money(r.total.variance)} ({percent(r.total.variancePercent)})
          </dd>
        </div>
      </dl>
      {others.length > 0 && (
        <p className="note">
          Invoice rows in other currencies than {r.currency} are not compared: {others.map(([c, n]) => `${c} (${n} rows)`).join(", ")}.
        </p>
      )}
      <table>
        <caption>Per meter</caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Model</th>
            <th scope="col">SKU</th>
            <th scope="col">Tokens of</th>
            <th scope="col">Resources</th>
            <th scope="col">Deployments</th>
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
            <th scope="col" className="num">
              %
            </th>
            <th scope="col" className="num">
              Credits
            </th>
            <th scope="col">Likely cause</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.length === 0 && (
            <tr>
              <td colSpan={14}>No bill and no usage in {r.month}.</td>
            </tr>
          )}
          {r.rows.map((row) => (
            <tr key={`${row.region}|${row.model}|${row.sku}|${row.kind}`} data-testid="reconciliation-row">
              <td>{row.region}</td>
              <th scope="row">{row.model}</th>
              <td>{row.sku}</td>
              <td>{row.kind}</td>
              <td>
                {row.resources.map((id) => (
                  <span key={id} title={id}>
                    {shortId(id)}{" "}
                  </span>
                ))}
              </td>
              <td>{row.deployments.join(", ")}</td>
              <td className="num">{formatCount(row.invoiceTokens)}</td>
              <td className="num">{formatCount(row.eventTokens)}</td>
              <td className="num">{money(row.invoicedCost)}</td>
              <td className="num">{money(row.computedCost)}</td>
              <td className="num">{money(row.variance)}</td>
              <td className="num">{percent(row.variancePercent)}</td>
              <td className="num">{money(row.credits)}</td>
              <td>{row.cause}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="reconciliation-total">
            <th scope="row" colSpan={6}>
              Total
            </th>
            <td className="num">{formatCount(r.total.invoiceTokens)}</td>
            <td className="num">{formatCount(r.total.eventTokens)}</td>
            <td className="num">{money(r.total.invoicedCost)}</td>
            <td className="num">{money(r.total.computedCost)}</td>
            <td className="num">{money(r.total.variance)}</td>
            <td className="num">{percent(r.total.variancePercent)}</td>
            <td colSpan={2}></td>
          </tr>
        </tfoot>
      </table>
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
    </>
  );
}
