import { stringify } from "csv-stringify/sync";
import type { ChargebackReport } from "./getChargebackReport";

/** Rows, then the unmapped usage as its own line, so the cost column sums to the total. */
export function chargebackCsv(report: ChargebackReport): string {
  const header = ["key", "name", "cost", "requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens"];
  const rows = report.rows.map((r) => [r.key, r.name, r.cost, r.requests, r.promptTokens, r.cachedTokens, r.completionTokens, r.totalTokens]);
  if (report.unmapped.requests > 0) rows.push(["(unmapped)", "Unmapped apps", report.unmapped.cost, report.unmapped.requests, "", "", "", ""]);
  return stringify([header, ...rows]);
}
