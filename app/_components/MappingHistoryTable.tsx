import type { MappingPeriod } from "@/lib/reports/getAppReport";
import { type ColumnKey, columnSort, type PageAddress, sortByColumn } from "./columnSort";
import { SortHeader } from "./SortHeader";

// An open period sorts after every date; a unit or cost center out of the caller's sight after every name.
const COLUMNS = {
  from: { text: (m) => m.validFrom },
  until: { text: (m) => m.validTo ?? "\uffff" },
  unit: { text: (m) => m.businessUnit ?? "\uffff" },
  cc: { text: (m) => m.costCenter ?? "\uffff" },
} satisfies Record<string, ColumnKey<MappingPeriod>>;
type Column = keyof typeof COLUMNS;

/** An app's mapping periods, oldest first unless sorted by another column (`mappingSort`) from the page's address. */
export function MappingHistoryTable({ mappings, address }: { mappings: MappingPeriod[]; address?: PageAddress }) {
  const sort = columnSort(address, "mappingSort", Object.keys(COLUMNS) as Column[]);
  return (
    <table data-testid="mapping-history">
      <caption>Mapping history</caption>
      <thead>
        <tr>
          <SortHeader label="From" by="from" sort={sort} text />
          <SortHeader label="Until" by="until" sort={sort} text />
          <SortHeader label="Business unit" by="unit" sort={sort} text />
          <SortHeader label="Cost center" by="cc" sort={sort} text />
        </tr>
      </thead>
      <tbody>
        {mappings.length === 0 && (
          <tr>
            <td colSpan={4}>Not mapped to any cost center: its cost is reported as unmapped.</td>
          </tr>
        )}
        {sortByColumn(mappings, sort?.by, COLUMNS).map((m) => (
          <tr key={m.validFrom} data-testid="mapping-row">
            <td>{m.validFrom}</td>
            <td>{m.validTo ?? "open"}</td>
            <td>{m.businessUnit ?? "another business unit"}</td>
            <td>{m.costCenter ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
