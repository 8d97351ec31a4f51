import { getTrueUpAmounts, UNMATCHED_APP, type Unmatched } from "../reconciliation/getTrueUp";
import type { LedgerReader } from "../ledger/ledgerReader";
import { noTokens, type StatementLine } from "./statementLine";

/**
 * One true-up line per app (and one for unmatched invoice cost, when a cost center carries it):
 * its actual cost less what its usage lines charge, so the statement's lines add up to the
 * invoice. No list cost of its own: the statement's list total stays the usage at list prices.
 */
export async function trueUpLines(reader: LedgerReader, month: string, unmatched: Unmatched): Promise<{ currency: string; lines: StatementLine[] }> {
  const [{ currency, holders }, { apps }] = await Promise.all([getTrueUpAmounts(reader, month, unmatched), reader.catalog()]);
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  const how = unmatched === "pro-rata" ? "shared pro rata" : `carried by ${unmatched.costCenter}`;
  const lines = holders
    .filter((h) => h.actual !== h.computed)
    .map(
      (h): StatementLine => ({
        kind: "trueup",
        forMonth: month,
        businessUnit: h.businessUnit,
        costCenter: h.costCenter,
        appId: h.appId,
        appName: h.appId === UNMATCHED_APP ? "Invoiced cost with no gateway usage" : (names.get(h.appId) ?? h.appId),
        model: "true-up",
        reason: `true-up to the Azure invoice of ${month} (effective cost; invoice cost without usage ${how})`,
        tokens: noTokens(),
        atto: h.actual - h.computed,
        listAtto: 0n,
        prices: [],
        rule: h.rule,
      }),
    );
  return { currency, lines };
}
