import { describeBilled } from "@/lib/reports/describeBilled";
import { forbidden, notFound } from "next/navigation";
import { unitExists } from "@/app/_server/unitExists";
import { canSeeUnit } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { formatCents, parseCents } from "@/lib/core/money";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { getStatement } from "@/lib/statements/getStatement";
import { getStatementDocument } from "@/lib/statements/statementDocument";
import { loadConfig } from "@/lib/config/schema";
import { getSharedStore } from "@/lib/store";
import { monthParam } from "@/app/_components/monthParam";
import { unitHref } from "@/app/_components/unitHref";
import { decodeParam } from "@/app/_components/decodeParam";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ month?: string }> };

/** The printable chargeback statement of one business unit for a closed month. */
const minus = (a: string, b: string) => formatCents(parseCents(a) - parseCents(b));

export default async function StatementPage({ params, searchParams }: Props) {
  const [{ id }, { month: asked }] = await Promise.all([params, searchParams]);
  const unit = decodeParam(id);
  const path = `/business-units/${encodeURIComponent(unit)}/statement`;
  const caller = await requireCaller(asked ? `${path}?month=${encodeURIComponent(asked)}` : path);
  if (!canSeeUnit(caller, unit)) forbidden();
  const { month } = monthParam(asked);
  const store = getSharedStore();
  const [statement, doc] = await Promise.all([
    getStatement(store, month, unit),
    getStatementDocument(store, month, unit, loadConfig().CHARGEBACK_STATEMENT_ISSUER),
  ]);
  // A unit nobody maps to or owns has no statement, open or closed: 404, not an empty one.
  if ((!statement || statement.lines.length === 0) && !(await unitExists(store, unit))) notFound();
  if (!statement) {
    return (
      <>
        <h1>
          {unit}: statement for {month}
        </h1>
        <p className="empty">
          {month} is not closed yet. A statement is issued when finance closes the month; until then see the <a href={unitHref(unit, month)}>live figures</a>.
        </p>
      </>
    );
  }
  const money = (a: string) => formatMoney(a, statement.currency);
  return (
    <article className="statement">
      <p className="crumbs no-print">
        <a href={unitHref(unit, month)}>{unit}</a> › Statement
      </p>
      <h1>
        Chargeback statement: {unit}, {month}
      </h1>
      <p className="sub">
        Azure OpenAI usage billed to {unit} for {month} (UTC), frozen when {statement.closedBy} closed the month on {statement.closedAt.slice(0, 10)}. Amounts
        in {statement.currency} at Azure Retail Prices.
      </p>
      {doc && (
        <p data-testid="statement-number">
          Statement {doc.number} · issued by {doc.issuer} · period {doc.period.from} to {doc.period.to}
        </p>
      )}
      {doc && doc.byCostCenter.length > 1 && (
        <table>
          <caption>By cost center</caption>
          <thead>
            <tr>
              <th scope="col">Cost center</th>
              <th scope="col" className="num">
                {doc.previousMonth}
              </th>
              <th scope="col" className="num">
                {month}
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.byCostCenter.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td className="num">{r.previous === null ? "—" : money(r.previous)}</td>
                <td className="num">{money(r.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="no-print">
        <a href={`/api/v1/statements?month=${month}&businessUnit=${encodeURIComponent(unit)}&format=pdf`} download>
          Download PDF
        </a>{" "}
        (the statement to send: a summary page, then the lines) ·{" "}
        <a href={`/api/v1/statements?month=${month}&businessUnit=${encodeURIComponent(unit)}&format=csv`} download>
          Download CSV
        </a>
      </p>
      <table>
        <caption>Lines</caption>
        <thead>
          <tr>
            <th scope="col">Cost center</th>
            <th scope="col">App</th>
            <th scope="col">Split rule</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Prompt
            </th>
            <th scope="col" className="num">
              Cached
            </th>
            <th scope="col" className="num">
              Completion
            </th>
            <th scope="col" className="num">
              List cost
            </th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((l) => (
            <tr key={`${l.kind}|${l.forMonth}|${l.costCenter}|${l.appId}|${l.model}|${l.rule}`} data-testid="statement-line">
              <td>{l.costCenter}</td>
              <th scope="row">
                {l.appName}
                {l.kind === "adjustment" && (
                  <span className="hint">
                    {" "}
                    adjustment for {l.forMonth}: {l.reason}
                  </span>
                )}
                {(l.kind === "trueup" || l.kind === "markup") && <span className="hint"> {l.reason}</span>}
              </th>
              <td data-testid="statement-rule">{l.rule || "—"}</td>
              <td>
                {l.model}
                {/* On screen each line cites its rates; printed, the rates are one table at the end. */}
                <span className="hint meters">{l.prices.join("; ")}</span>
                {describeBilled(l) !== "" && <span className="hint"> Billed apart: {describeBilled(l)}</span>}
              </td>
              <td className="num">{formatCount(l.requests)}</td>
              <td className="num">{formatCount(l.promptTokens)}</td>
              <td className="num">{formatCount(l.cachedTokens)}</td>
              <td className="num">{formatCount(l.completionTokens)}</td>
              <td className="num">{money(l.listCost)}</td>
              <td className="num">{money(l.cost)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {statement.listTotal !== statement.total && (
            <tr>
              <td colSpan={9}>Negotiated discounts</td>
              <td className="num" data-testid="statement-discount">
                {money(minus(statement.listTotal, statement.total))}
              </td>
            </tr>
          )}
          <tr>
            <td colSpan={8}>Total</td>
            <td className="num">{money(statement.listTotal)}</td>
            <td className="num" data-testid="statement-total">
              {money(statement.total)}
            </td>
          </tr>
        </tfoot>
      </table>
      {doc && doc.rates.length > 0 && (
        <section className="rates">
          <h2>Rates used</h2>
          <ul>
            {doc.rates.map((rate) => (
              <li key={rate}>{rate}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
