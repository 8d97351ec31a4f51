import type { Adjustment } from "@/lib/reports/getChargebackReport";
import type { PageAddress } from "./columnSort";
import { SortableTable } from "./SortableTable";
import { type Column, moneyColumn, textColumn } from "./sortableColumns";

const columns = (currency: string): Column<Adjustment>[] => [
  textColumn("for", "For", (a) => a.forMonth),
  textColumn(
    "unit",
    "Business unit",
    (a) => a.businessUnit,
    (a) => a.businessUnit || "Unmapped",
  ),
  textColumn(
    "cc",
    "Cost center",
    (a) => a.costCenter,
    (a) => a.costCenter || "—",
  ),
  { ...textColumn("app", "App", (a) => a.appName), rowHeader: true },
  textColumn("model", "Model", (a) => a.model),
  moneyColumn("cost", "Cost", (a) => a.cost, currency),
  textColumn("reason", "Reason", (a) => a.reason),
];

const TABLE = { id: "adjustments", caption: "Adjustments to closed months", param: "adjustmentSort", rowTestId: "adjustment-row" } as const;
const adjustmentKey = (a: Adjustment) => `${a.forMonth}|${a.businessUnit}|${a.costCenter}|${a.appId}|${a.model}`;

/** Corrections to closed months booked in this one, each with why; sortable by any column (`adjustmentSort`) when the page's address is given. */
export function AdjustmentsTable({ adjustments, currency, address }: { adjustments: Adjustment[]; currency: string; address?: PageAddress }) {
  return <SortableTable {...TABLE} columns={columns(currency)} rows={adjustments} rowKey={adjustmentKey} address={address} />;
}
