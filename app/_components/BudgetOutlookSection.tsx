import { Suspense } from "react";
import type { BudgetOutlook } from "../../lib/budgets/getBudgetOutlook";
import { BudgetOutlookPanel } from "./BudgetOutlookPanel";

type Props = { title: string; outlook: Promise<BudgetOutlook>; flagged?: Promise<readonly string[]> };

async function Loaded({ title, outlook, flagged }: Props) {
  const [o, f] = await Promise.all([outlook, flagged ?? []]);
  return <BudgetOutlookPanel title={title} outlook={o} flagged={f} />;
}

/**
 * The budget outlook streamed after the rest of the page: the forecast reads weeks of history
 * (and the anomalies more), which must not hold up the month's figures.
 */
export function BudgetOutlookSection(props: Props) {
  return (
    <Suspense fallback={<p className="note">Forecasting the month…</p>}>
      <Loaded {...props} />
    </Suspense>
  );
}
