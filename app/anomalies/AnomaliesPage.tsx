import "server-only";
import { SubmitButton } from "@/app/_components/SubmitButton";
import type { Caller } from "../../lib/auth/access";
import { anomaliesFor } from "../../lib/budgets/anomaliesFor";
import { formatCents } from "../../lib/core/money";
import { reportCurrency } from "../../lib/pricing/loadPricer";
import { formatMoney } from "../../lib/reports/formatMoney";
import { getSharedStore } from "../../lib/store";
import { MonthNav } from "../_components/MonthNav";
import { decideAnomaly } from "./actions";

type Props = { caller: Caller; month: string; invalidMonth: boolean; withDismissed: boolean };

const KIND = { unit: "Business unit", app: "App", model: "Model" } as const;
const TOKENS: Record<string, string> = { promptTokens: "prompt", cachedTokens: "cached prompt", completionTokens: "completion", reasoningTokens: "reasoning" };

/** Days whose cost was far from usual, with what moved; dismissed or marked expected, remembered and audited. */
export async function AnomaliesPage({ caller, month, invalidMonth, withDismissed }: Props) {
  const anomalies = await anomaliesFor(getSharedStore(), caller, month, withDismissed);
  const money = (cents: number) => formatMoney(formatCents(BigInt(Math.round(cents))), reportCurrency());
  return (
    <>
      <h1>Anomalies in {month}</h1>
      <p className="sub">
        Days (UTC, to yesterday) whose cost for a business unit, app or model was at least four robust standard deviations and $10 from the median of the same
        weekday over the 8 weeks before, with what moved most; in the open month, each business unit's day so far too, against the same hours of the same
        weekday. {withDismissed ? <a href={`/anomalies?month=${month}`}>Hide dismissed</a> : <a href={`/anomalies?month=${month}&all=1`}>Show dismissed</a>}
      </p>
      {invalidMonth && (
        <p role="alert" className="error">
          That month is not YYYY-MM: showing {month}.
        </p>
      )}
      <MonthNav month={month} path="/anomalies" />
      <table>
        <caption>Flagged days</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col" className="num">
              Usual
            </th>
            <th scope="col">Driver</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {anomalies.length === 0 && (
            <tr>
              <td colSpan={6}>No anomalies this month.</td>
            </tr>
          )}
          {anomalies.map((a) => (
            <tr key={a.key} data-testid="anomaly">
              <td>{a.until ? `today so far (${a.day}, to ${a.until} UTC)` : a.day}</td>
              <th scope="row">
                {KIND[a.kind]} {a.label}
              </th>
              <td className="num">{money(a.cents)}</td>
              <td className="num">{money(a.baselineCents)}</td>
              <td>
                {a.driver.partKind} {a.driver.part} ({a.driver.deltaCents >= 0 ? "+" : "−"}
                {money(Math.abs(a.driver.deltaCents))}){a.driver.tokenKind && `, mostly ${TOKENS[a.driver.tokenKind] ?? a.driver.tokenKind} tokens`}
              </td>
              <td>
                {a.decision ? (
                  <>
                    {a.decision}
                    {a.note && `: ${a.note}`}
                  </>
                ) : (
                  <form action={decideAnomaly} className="inline">
                    <input type="hidden" name="anomaly" value={a.key} />
                    <input type="hidden" name="month" value={month} />
                    <label>
                      <span className="visually-hidden">Note on {a.key}</span>
                      <input name="note" placeholder="why (optional)" />
                    </label>
                    <SubmitButton name="decision" value="expected" label="Expected" pendingLabel="Saving…" />
                    <SubmitButton name="decision" value="dismissed" label="Dismiss" pendingLabel="Saving…" />
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
