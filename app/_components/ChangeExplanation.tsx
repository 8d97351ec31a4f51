import type { ChangeExplained } from "@/lib/reports/explainChange";
import { formatMoney } from "@/lib/reports/formatMoney";
import { WaterfallChart } from "./charts/WaterfallChart";

/** Why the month's cost differs from the previous month's: a waterfall and the table of its pieces, which add up to the change. */
export function ChangeExplanation({ change }: { change: ChangeExplained }) {
  const money = (amount: string) => formatMoney(amount, change.currency);
  return (
    <section className="stack" aria-labelledby="why-changed">
      <h2 id="why-changed">
        Why it changed from {change.previousMonth}: {money(change.change)}
      </h2>
      <div className="charts">
        <WaterfallChart
          title={`From ${change.previousMonth} to ${change.month}`}
          currency={change.currency}
          steps={[
            { name: change.previousMonth, value: Number(change.from), total: true },
            ...change.pieces.map((p) => ({ name: p.label.split(":", 1)[0] ?? p.label, value: Number(p.cost) })),
            { name: change.month, value: Number(change.to), total: true },
          ]}
        />
        <table data-testid="change-table">
          <caption>What changed, piece by piece</caption>
          <thead>
            <tr>
              <th scope="col">Cause</th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">Mostly</th>
            </tr>
          </thead>
          <tbody>
            {change.pieces.map((p) => (
              <tr key={p.cause} data-testid={`change-${p.cause}`}>
                <th scope="row">{p.label}</th>
                <td className="num">{money(p.cost)}</td>
                <td>{p.apps.map((a) => `${a.appName} ${money(a.cost)}`).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Change from {money(change.from)}</th>
              <td className="num" data-testid="change-total">
                {money(change.change)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
