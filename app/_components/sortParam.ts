import { ROW_SORTS, type RowSort } from "../../lib/reports/rowChanges";

/** A table's order from the address: one of the known orders, else by cost. */
export const sortParam = (value: string | string[] | undefined): RowSort =>
  ((ROW_SORTS as readonly string[]).find((s) => s === value) as RowSort | undefined) ?? "cost";
