import type { BudgetOutlook } from "../../lib/budgets/getBudgetOutlook";
import { formatMoney } from "../../lib/reports/formatMoney";
import { BudgetChart } from "./charts/BudgetChart";

/** Budget, actual and forecast side by side, with the chart. */
export function BudgetOutlookPanel({ title, outlook, flagged = [] }: { title: string; outlook: BudgetOutlook; flagged?: readonly string[] }) {
  const money = (amount: string) => formatMoney(amount, outlook.currency);
  return (
    <section aria-label={title} data-testid="budget-outlook">
      <dl className="cards">
        <div className="card">
          <dt>Budget</dt>
          <dd data-testid="outlook-budget">{outlook.budget ? money(outlook.budget) : <a href={`/budgets?month=${outlook.month}`}>none set</a>}</dd>
        </div>
        <div className="card">
          <dt>Actual</dt>
          <dd data-testid="outlook-actual">{money(outlook.actual)}</dd>
        </div>
        {outlook.forecast && (
          <div className="card">
            <dt>Forecast, month end</dt>
            <dd data-testid="outlook-forecast">
              {money(outlook.forecast.cost)}{" "}
              <small>
                ({money(outlook.forecast.low)} to {money(outlook.forecast.high)})
              </small>
            </dd>
          </div>
        )}
      </dl>
      <BudgetChart title={title} outlook={outlook} flagged={flagged} />
      {flagged.length > 0 && (
        <p className="note" data-testid="outlook-anomalies">
          Unusual cost on {flagged.join(", ")}: see <a href={`/anomalies?month=${outlook.month}`}>anomalies</a>.
        </p>
      )}
    </section>
  );
}
