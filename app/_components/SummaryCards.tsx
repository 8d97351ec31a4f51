import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import { Card } from "./Card";

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
      <Card label={costLabel} testId="total">
        {formatMoney(cost, currency)}
      </Card>
      <UsageCards requests={requests} tokens={tokens} />
    </dl>
  );
}

/** The requests and tokens cards, among a page's other cards. */
export function UsageCards({ requests, tokens }: { requests: number; tokens: number }) {
  return (
    <>
      <Card label="Requests">{formatCount(requests)}</Card>
      <Card label="Tokens">{formatCount(tokens)}</Card>
    </>
  );
}
