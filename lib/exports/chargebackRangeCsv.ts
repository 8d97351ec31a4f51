import { stringify } from "csv-stringify/sync";
import { getChargebackReport, type ReportDimension } from "../reports/getChargebackReport";
import type { ReportScope } from "../reports/reportScope";
import type { LedgerReader } from "../ledger/ledgerReader";
import { safeText } from "../core/safeText";
import { BILLED_KINDS } from "../statements/statementLine";

export const CHARGEBACK_COLUMNS = [
  "month",
  "key",
  "name",
  "cost",
  "currency",
  "requests",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "totalTokens",
  ...BILLED_KINDS,
];

export const chargebackHeader = () => stringify([CHARGEBACK_COLUMNS]);

/** One month of a chargeback view as CSV rows, with the unmapped line where the scope shows it. */
export async function chargebackRows(reader: LedgerReader, month: string, by: ReportDimension, scope: ReportScope): Promise<string> {
  const r = await getChargebackReport(reader, month, by, scope);
  const rows: (string | number)[][] = r.rows.map((x) => [
    month,
    safeText(x.key),
    safeText(x.name),
    x.cost,
    r.currency,
    x.requests,
    x.promptTokens,
    x.cachedTokens,
    x.completionTokens,
    x.totalTokens,
    ...BILLED_KINDS.map((k) => x.billed?.[k] ?? 0),
  ]);
  if (r.unmapped.cost !== "0.00" || r.unmapped.apps.length > 0)
    rows.push([month, "(unmapped)", "Unmapped apps", r.unmapped.cost, r.currency, r.unmapped.requests, "", "", "", "", ...BILLED_KINDS.map(() => "")]);
  return stringify(rows);
}
