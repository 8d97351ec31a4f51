import type { SplitLine } from "@/lib/reports/getSplitLines";
import type { PageAddress } from "./columnSort";
import { SortableTable } from "./SortableTable";
import { type Column, countColumn, moneyColumn, textColumn } from "./sortableColumns";

const columns = (currency: string): Column<SplitLine>[] => [
  textColumn("rule", "Rule", (l) => l.rule),
  textColumn("cc", "Cost center", (l) => l.costCenter),
  { ...textColumn("app", "App", (l) => l.appName), rowHeader: true },
  countColumn("requests", "Requests", (l) => l.requests),
  moneyColumn("cost", "Cost", (l) => l.cost, currency),
];

const TABLE = { testId: "split-lines", caption: "Split lines (included in the totals above)", param: "splitSort", rowTestId: "split-line" } as const;
const lineKey = (l: SplitLine) => `${l.rule}|${l.costCenter}|${l.appId}`;

/** What split rules charge a unit, each line naming its rule (sortable by any column, `splitSort`, when the page's address is given); nothing when no rule does. */
export function SplitLinesTable({ lines, currency, address }: { lines: SplitLine[]; currency: string; address?: PageAddress }) {
  if (lines.length === 0) return null;
  return <SortableTable {...TABLE} columns={columns(currency)} rows={lines} rowKey={lineKey} address={address} />;
}
