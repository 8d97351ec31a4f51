import { formatCents, parseCents } from "../core/money";
import { dayBefore, nextMonth, previousMonth } from "../core/months";
import type { LedgerStore } from "../store/port";
import { getStatement, type Statement, type StatementRow } from "./getStatement";
import { closeIssue, statementNumber } from "./issuedStatements";

/** A summary row: this month's amount beside the previous month's (null when that month has no closed statement). */
export type SummaryRow = { name: string; cost: string; previous: string | null };
/** One compact detail line: no meter text (the rates are one table at the end). */
export type DetailLine = { costCenter: string; app: string; model: string; requests: number; tokens: number; cost: string };
export type StatementDocument = {
  number: string;
  issuer: string;
  businessUnit: string;
  month: string;
  period: { from: string; to: string };
  previousMonth: string;
  currency: string;
  issuedAt: string;
  issuedBy: string;
  total: string;
  listTotal: string;
  previousTotal: string | null;
  byCostCenter: SummaryRow[];
  byApp: SummaryRow[];
  lines: DetailLine[];
  rates: string[];
};

/** What a line is, in a few words: its model, or what kind of line it is instead. */
const modelOf = (l: StatementRow) =>
  l.kind === "adjustment" ? `correction to ${l.forMonth}` : l.kind === "trueup" ? "true-up to invoice" : l.kind === "markup" ? "fee" : l.model;

/** Sums rows by a key, by name, beside the previous statement's sums by the same key. */
function summarise(lines: readonly StatementRow[], previous: readonly StatementRow[] | null, key: (l: StatementRow) => string): SummaryRow[] {
  const sum = (rows: readonly StatementRow[]) => {
    const m = new Map<string, bigint>();
    for (const l of rows) m.set(key(l), (m.get(key(l)) ?? 0n) + parseCents(l.cost));
    return m;
  };
  const now = sum(lines);
  const before = previous ? sum(previous) : null;
  const names = [...new Set([...now.keys(), ...(before?.keys() ?? [])])].sort((a, b) => a.localeCompare(b));
  return names.map((name) => ({
    name,
    cost: formatCents(now.get(name) ?? 0n),
    previous: before ? formatCents(before.get(name) ?? 0n) : null,
  }));
}

/** The statement as a document to send: the frozen lines, the previous month's beside them, its number and issuer. */
export function statementDocument(statement: Statement, previous: Statement | null, number: string, issuer: string): StatementDocument {
  const { month, lines } = statement;
  return {
    number,
    issuer,
    businessUnit: statement.businessUnit,
    month,
    period: { from: `${month}-01`, to: dayBefore(`${nextMonth(month)}-01`) },
    previousMonth: previousMonth(month),
    currency: statement.currency,
    issuedAt: statement.closedAt.slice(0, 10),
    issuedBy: statement.closedBy,
    total: statement.total,
    listTotal: statement.listTotal,
    previousTotal: previous?.total ?? null,
    byCostCenter: summarise(lines, previous?.lines ?? null, (l) => l.costCenter || "(none)"),
    byApp: summarise(lines, previous?.lines ?? null, (l) => l.appName),
    lines: lines.map((l) => ({ costCenter: l.costCenter, app: l.appName, model: modelOf(l), requests: l.requests, tokens: l.totalTokens, cost: l.cost })),
    rates: [...new Set(lines.flatMap((l) => l.prices))].sort(),
  };
}

/** A unit's statement document for a closed month, or null while the month is open or the unit has no statement in it. */
export async function getStatementDocument(store: LedgerStore, month: string, businessUnit: string, issuer: string): Promise<StatementDocument | null> {
  const [statement, previous, issue] = await Promise.all([
    getStatement(store, month, businessUnit),
    getStatement(store, previousMonth(month), businessUnit),
    closeIssue(store, month),
  ]);
  if (!statement || statement.lines.length === 0) return null;
  // Only a closed previous month is a figure that will not move; an open one is left blank.
  return statementDocument(statement, previous, statementNumber(month, businessUnit, issue), issuer);
}
