import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import type { SplitLine } from "@/lib/reports/getSplitLines";

/** What split rules charge a unit, each line naming its rule; nothing when no rule does. */
export function SplitLinesTable({ lines, currency }: { lines: SplitLine[]; currency: string }) {
  if (lines.length === 0) return null;
  return (
    <table>
      <caption>Split lines (included in the totals above)</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Cost center</th>
          <th scope="col">App</th>
          <th scope="col" className="num">
            Requests
          </th>
          <th scope="col" className="num">
            Cost
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.rule}|${l.costCenter}|${l.appId}`} data-testid="split-line">
            <td>{l.rule}</td>
            <td>{l.costCenter}</td>
            <th scope="row">{l.appName}</th>
            <td className="num">{formatCount(l.requests)}</td>
            <td className="num">{formatMoney(l.cost, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
