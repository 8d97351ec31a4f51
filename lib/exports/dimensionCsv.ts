import { stringify } from "csv-stringify/sync";
import type { DimensionReport } from "../reports/getDimensionReport";
import { safeText } from "../core/safeText";

/** A month's cost by tag or end user as CSV: one row per value, the none row included. */
export const dimensionCsv = (r: DimensionReport) =>
  stringify([
    ["month", "value", "name", "cost", "currency", "requests", "totalTokens"],
    ...r.rows.map((x) => [r.month, safeText(x.value), safeText(x.name), x.cost, r.currency, x.requests, x.totalTokens]),
  ]);
