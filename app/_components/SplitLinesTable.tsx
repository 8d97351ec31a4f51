import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import type { SplitLine } from "@/lib/reports/getSplitLines";
import { type ColumnKey, columnSort, type PageAddress, sortByColumn } from "./columnSort";
import { SortHeader } from "./SortHeader";

const COLUMNS = {
  rule: { text: (l) => l.rule },
  cc: { text: (l) => l.costCenter },
  app: { text: (l) => l.appName },
  requests: { count: (l) => l.requests },
  cost: { money: (l) => l.cost },
} satisfies Record<string, ColumnKey<SplitLine>>;
type Column = keyof typeof COLUMNS;

/** What split rules charge a unit, each line naming its rule (sortable by any column, `splitSort`, when the page's address is given); nothing when no rule does. */
export function SplitLinesTable({ lines, currency, address }: { lines: SplitLine[]; currency: string; address?: PageAddress }) {
  if (lines.length === 0) return null;
  const sort = columnSort(address, "splitSort", Object.keys(COLUMNS) as Column[]);
  return (
    <table data-testid="split-lines">
      <caption>Split lines (included in the totals above)</caption>
      <thead>
        <tr>
          <SortHeader label="Rule" by="rule" sort={sort} text />
          <SortHeader label="Cost center" by="cc" sort={sort} text />
          <SortHeader label="App" by="app" sort={sort} text />
          <SortHeader label="Requests" by="requests" sort={sort} num />
          <SortHeader label="Cost" by="cost" sort={sort} num />
        </tr>
      </thead>
      <tbody>
        {sortByColumn(lines, sort?.by, COLUMNS).map((l) => (
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
