import type { MappingPeriod } from "@/lib/reports/getAppReport";
import type { PageAddress } from "./columnSort";
import { SortableTable } from "./SortableTable";
import { type Column, textColumn } from "./sortableColumns";

// An open period sorts after every date; a unit or cost center out of the caller's sight after every name.
const COLUMNS: Column<MappingPeriod>[] = [
  textColumn("from", "From", (m) => m.validFrom),
  textColumn(
    "until",
    "Until",
    (m) => m.validTo ?? "\uffff",
    (m) => m.validTo ?? "open",
  ),
  textColumn(
    "unit",
    "Business unit",
    (m) => m.businessUnit ?? "\uffff",
    (m) => m.businessUnit ?? "another business unit",
  ),
  textColumn(
    "cc",
    "Cost center",
    (m) => m.costCenter ?? "\uffff",
    (m) => m.costCenter ?? "—",
  ),
];

const TABLE = { testId: "mapping-history", caption: "Mapping history", param: "mappingSort", rowTestId: "mapping-row" } as const;
const UNMAPPED = "Not mapped to any cost center: its cost is reported as unmapped.";

/** An app's mapping periods, oldest first unless sorted by another column (`mappingSort`) from the page's address. */
export function MappingHistoryTable({ mappings, address }: { mappings: MappingPeriod[]; address?: PageAddress }) {
  return <SortableTable {...TABLE} columns={COLUMNS} rows={mappings} rowKey={(m) => m.validFrom} address={address} empty={UNMAPPED} />;
}
