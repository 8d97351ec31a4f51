import type { Adjustment } from "@/lib/reports/getChargebackReport";
import { formatMoney } from "@/lib/reports/formatMoney";
import { type ColumnKey, columnSort, type PageAddress, sortByColumn } from "./columnSort";
import { SortHeader } from "./SortHeader";

const COLUMNS = {
  for: { text: (a) => a.forMonth },
  unit: { text: (a) => a.businessUnit },
  cc: { text: (a) => a.costCenter },
  app: { text: (a) => a.appName },
  model: { text: (a) => a.model },
  cost: { money: (a) => a.cost },
  reason: { text: (a) => a.reason },
} satisfies Record<string, ColumnKey<Adjustment>>;
type Column = keyof typeof COLUMNS;

/** Corrections to closed months booked in this one, each with why; sortable by any column (`adjustmentSort`) when the page's address is given. */
export function AdjustmentsTable({ adjustments, currency, address }: { adjustments: Adjustment[]; currency: string; address?: PageAddress }) {
  const sort = columnSort(address, "adjustmentSort", Object.keys(COLUMNS) as Column[]);
  return (
    <table id="adjustments">
      <caption>Adjustments to closed months</caption>
      <thead>
        <tr>
          <SortHeader label="For" by="for" sort={sort} text />
          <SortHeader label="Business unit" by="unit" sort={sort} text />
          <SortHeader label="Cost center" by="cc" sort={sort} text />
          <SortHeader label="App" by="app" sort={sort} text />
          <SortHeader label="Model" by="model" sort={sort} text />
          <SortHeader label="Cost" by="cost" sort={sort} num />
          <SortHeader label="Reason" by="reason" sort={sort} text />
        </tr>
      </thead>
      <tbody>
        {sortByColumn(adjustments, sort?.by, COLUMNS).map((a) => (
          <tr key={`${a.forMonth}|${a.businessUnit}|${a.costCenter}|${a.appId}|${a.model}`} data-testid="adjustment-row">
            <td>{a.forMonth}</td>
            <td>{a.businessUnit || "Unmapped"}</td>
            <td>{a.costCenter || "—"}</td>
            <th scope="row">{a.appName}</th>
            <td>{a.model}</td>
            <td className="num">{formatMoney(a.cost, currency)}</td>
            <td>{a.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
