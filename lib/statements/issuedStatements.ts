import { createHash } from "node:crypto";
import { formatCents } from "../core/money";
import type { MonthLogEntry } from "./statementLine";
import type { LedgerStore } from "../store/port";

export type IssuedStatement = { number: string; businessUnit: string; total: string; currency: string };

/**
 * A statement's number: the month, how many times the month has been closed (a reopened and
 * closed-again month issues new numbers), and the unit's name in short with a hash of it, so two
 * units whose names shorten alike still differ. Stable: the same close always gives the same number.
 */
export function statementNumber(month: string, businessUnit: string, issue: number): string {
  const short =
    businessUnit
      .normalize("NFKD")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "")
      .slice(0, 8) || "UNIT";
  const hash = createHash("sha256").update(businessUnit).digest("hex").slice(0, 4).toUpperCase();
  return `CB-${month.replace("-", "")}-${issue}-${short}-${hash}`;
}

/** How many times `month` has been closed, by the month log: its statements' issue. 0 while it never was. */
export const issueIn = (log: readonly MonthLogEntry[], month: string): number => log.filter((e) => e.month === month && e.action === "close").length;

export async function closeIssue(store: Pick<LedgerStore, "listMonthLog">, month: string): Promise<number> {
  return issueIn(await store.listMonthLog(), month);
}

/** The statements a closed month issued: one per business unit with a line, by name; none while it is open. */
export async function issuedStatements(store: LedgerStore, month: string): Promise<IssuedStatement[]> {
  const closed = await store.getClosedMonth(month);
  if (!closed) return [];
  const [lines, issue] = await Promise.all([store.listStatementLines({ month }), closeIssue(store, month)]);
  const totals = new Map<string, bigint>();
  for (const l of lines) if (l.businessUnit !== "") totals.set(l.businessUnit, (totals.get(l.businessUnit) ?? 0n) + l.cents);
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([businessUnit, cents]) => ({
      number: statementNumber(month, businessUnit, issue),
      businessUnit,
      total: formatCents(cents),
      currency: closed.currency,
    }));
}
