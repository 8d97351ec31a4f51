import { formatCount, formatMoney } from "@/lib/reports/formatMoney";

/** A period's cost, requests and tokens in cards; `costLabel` names the cost ("Total cost" of many apps, "Cost" of one). */
export function SummaryCards({
  costLabel,
  cost,
  currency,
  requests,
  tokens,
}: {
  costLabel: string;
  cost: string;
  currency: string;
  requests: number;
  tokens: number;
}) {
  return (
    <dl className="cards">
      <div className="card">
        <dt>{costLabel}</dt>
        <dd data-testid="total">{formatMoney(cost, currency)}</dd>
      </div>
      <div className="card">
        <dt>Requests</dt>
        <dd>{formatCount(requests)}</dd>
      </div>
      <div className="card">
        <dt>Tokens</dt>
        <dd>{formatCount(tokens)}</dd>
      </div>
    </dl>
  );
}
