import type { IssuedStatement } from "../../lib/statements/issuedStatements";
import { formatMoney } from "../../lib/reports/formatMoney";

const q = (unit: string, month: string) => `month=${month}&businessUnit=${encodeURIComponent(unit)}`;

/** The statements a close issued, one per business unit, with the month's pack for sending. */
export function IssuedStatements({ month, statements }: { month: string; statements: IssuedStatement[] }) {
  return (
    <section aria-labelledby="issued">
      <h2 id="issued">Statements issued for {month}</h2>
      {statements.length === 0 ? (
        <p className="empty">No business unit had cost in {month}: no statement was issued.</p>
      ) : (
        <>
          <p>
            <a href={`/api/v1/statements/pack?month=${month}`} download>
              Download all {statements.length} statements (ZIP of PDFs)
            </a>
          </p>
          <table>
            <caption>One statement per business unit</caption>
            <thead>
              <tr>
                <th scope="col">Statement</th>
                <th scope="col">Business unit</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Files</th>
              </tr>
            </thead>
            <tbody>
              {statements.map((s) => (
                <tr key={s.businessUnit} data-testid="issued-statement">
                  <td>{s.number}</td>
                  <th scope="row">
                    <a href={`/business-units/${encodeURIComponent(s.businessUnit)}/statement?month=${month}`}>{s.businessUnit}</a>
                  </th>
                  <td className="num">{formatMoney(s.total, s.currency)}</td>
                  <td>
                    <a href={`/api/v1/statements?${q(s.businessUnit, month)}&format=pdf`} download aria-label={`PDF statement of ${s.businessUnit}`}>
                      PDF
                    </a>{" "}
                    ·{" "}
                    <a href={`/api/v1/statements?${q(s.businessUnit, month)}&format=csv`} download aria-label={`CSV statement of ${s.businessUnit}`}>
                      CSV
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
