import { stringify } from "csv-stringify/sync";
import type { Reconciliation } from "./getReconciliation";

const COLUMNS = [
  "region",
  "model",
  "sku",
  "kind",
  "resources",
  "deployments",
  "invoiceTokens",
  "eventTokens",
  "invoicedCost",
  "computedCost",
  "variance",
  "variancePercent",
  "credits",
  "cause",
] as const;

/** The reconciliation's rows and a total row, as CSV (resources and deployments space-separated). */
export function reconciliationCsv(r: Reconciliation): string {
  const rows = r.rows.map((row) => COLUMNS.map((c) => (Array.isArray(row[c]) ? (row[c] as string[]).join(" ") : (row[c] ?? ""))));
  const t = r.total;
  const total = ["total", "", "", "", "", "", t.invoiceTokens, t.eventTokens, t.invoicedCost, t.computedCost, t.variance, t.variancePercent ?? "", "", ""];
  return stringify([[...COLUMNS], ...rows, total]);
}
