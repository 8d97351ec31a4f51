import type { Reconciliation } from "@/lib/reconciliation/getReconciliation";
import { formatCount } from "@/lib/reports/formatMoney";

const percent = (p: string | null) => (p === null ? "—" : `${p}%`);
const shortId = (id: string) => id.split("/").at(-1) ?? id;

/** Per meter: the bill beside our events, or (no invoice imported) our events alone. */
export function MeterTable({ r, money }: { r: Reconciliation; money: (amount: string) => string }) {
  const billed = r.invoiced;
  const columns = billed ? 14 : 7;
  return (
    <table>
      <caption>Per meter</caption>
      <thead>
        <tr>
          <th scope="col">Region</th>
          <th scope="col">Model</th>
          <th scope="col">SKU</th>
          <th scope="col">Tokens of</th>
          {billed && <th scope="col">Resources</th>}
          <th scope="col">Deployments</th>
          {billed && (
            <th scope="col" className="num">
              Invoice tokens
            </th>
          )}
          <th scope="col" className="num">
            Event tokens
          </th>
          {billed && (
            <th scope="col" className="num">
              Invoiced
            </th>
          )}
          <th scope="col" className="num">
            Computed
          </th>
          {billed && (
            <>
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
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {r.rows.length === 0 && (
          <tr>
            <td colSpan={columns}>No bill and no usage in {r.month}.</td>
          </tr>
        )}
        {r.rows.map((row) => (
          <tr key={`${row.region}|${row.model}|${row.sku}|${row.kind}`} data-testid="reconciliation-row">
            <td>{row.region}</td>
            <th scope="row">{row.model}</th>
            <td>{row.sku}</td>
            <td>{row.kind}</td>
            {billed && (
              <td>
                {row.resources.map((id) => (
                  <span key={id} title={id}>
                    {shortId(id)}{" "}
                  </span>
                ))}
              </td>
            )}
            <td>{row.deployments.join(", ")}</td>
            {billed && <td className="num">{formatCount(row.invoiceTokens)}</td>}
            <td className="num">{formatCount(row.eventTokens)}</td>
            {billed && <td className="num">{money(row.invoicedCost)}</td>}
            <td className="num">{money(row.computedCost)}</td>
            {billed && (
              <>
                <td className="num">{money(row.variance)}</td>
                <td className="num">{percent(row.variancePercent)}</td>
                <td className="num">{money(row.credits)}</td>
                <td>{row.cause}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="reconciliation-total">
          <th scope="row" colSpan={billed ? 6 : 5}>
            Total
          </th>
          {billed && <td className="num">{formatCount(r.total.invoiceTokens)}</td>}
          <td className="num">{formatCount(r.total.eventTokens)}</td>
          {billed && <td className="num">{money(r.total.invoicedCost)}</td>}
          <td className="num">{money(r.total.computedCost)}</td>
          {billed && (
            <>
              <td className="num">{money(r.total.variance)}</td>
              <td className="num">{percent(r.total.variancePercent)}</td>
              <td colSpan={2}></td>
            </>
          )}
        </tr>
      </tfoot>
    </table>
  );
}
