import { catalogDigest, type PartCodec } from "../ledger/materializedMonth";
import type { LedgerReader } from "../ledger/ledgerReader";
import { landingMonth } from "../statements/adjustments";
import { issueIn } from "../statements/issuedStatements";
import { monthLines, type MonthLines } from "../statements/monthLines";
import type { Tokens } from "../statements/statementLine";
import { basisDays, type ComparisonBasis, comparableLines, getComparisonBasis } from "./comparisonBasis";
import { type ChargebackReport, type ReportDimension, type ReportRows, reportFromRows, reportRowsOf, type UnitRow } from "./reportRows";
import { ALL_UNITS, type ReportScope } from "./reportScope";
import { type RowChanges, rowChanges } from "./rowChanges";

/**
 * The month's reports stored per dimension (lib/reports/reportRows.ts): its rows per business
 * unit, and the same for what it is compared with — its own lines like for like and the
 * comparison basis's — so a view reads and adds up only rows, not the month's lines. They hold
 * cents (corrections, markups and the close included), so besides the month's usage and
 * catalog their stamp covers what else its lines and its basis read: the month before, the closed
 * months whose corrections land in either, the markups, the closes and the basis's days. A close
 * is told apart by its issue (how many times its month was closed), not its time: a reopened
 * month closed again on actual cost may carry the first close's instant, by, currency and
 * unpriced usage (a pinned clock, or the same millisecond), and must not read that close's rows.
 */

/** Which lines a stored report adds up: the month's, the month's like for like with its basis, or the basis's. */
export type ReportSide = "month" | "compared" | "basis";

async function reportsDigest(reader: LedgerReader, month: string): Promise<string | undefined> {
  const { digestOf, closedMonths, markups } = await reader.catalog();
  if (!digestOf) return undefined;
  const log = await reader.once("monthLog", () => reader.store.listMonthLog());
  const issues = closedMonths.map((c) => issueIn(log, c.month));
  const closed = new Set(closedMonths.map((c) => c.month));
  const { before, label } = basisDays(month);
  const landing = new Set([month, before]);
  const others = [before, ...closedMonths.filter((c) => c.month < month && landing.has(landingMonth(c.month, closed))).map((c) => c.month)];
  const versions = await Promise.all(others.map((m) => reader.usageVersion(m)));
  return catalogDigest({ month: digestOf(month), others: others.map((m, i) => [m, versions[i], digestOf(m)]), markups, closedMonths, issues, label });
}

/** The month's stored reports, as one reader reads them. */
export const storedReports = (reader: LedgerReader, month: string) => reader.stored("reports", month, () => reportsDigest(reader, month));

function sideLines(reader: LedgerReader, month: string, side: ReportSide): Promise<MonthLines> {
  if (side === "month") return monthLines(reader, month);
  return reader.once(`reportSide:${side}:${month}`, async () => {
    const basis = await getComparisonBasis(reader, month);
    return side === "basis" ? basis.lines : comparableLines(await monthLines(reader, month), basis);
  });
}

type StoredRow = [
  unit: string,
  key: string,
  name: string,
  cents: string,
  listCents: string,
  counts: number[],
  billed: Tokens["billed"] | 0,
  rule: string | null,
  fee: 0 | 1,
];
type Stored = Omit<ReportRows, "rows" | "unmapped"> & { rows: StoredRow[]; unmapped: StoredRow[] };

const toStored = (r: UnitRow): StoredRow => [
  r.unit,
  r.key,
  r.name,
  r.cents.toString(),
  r.listCents.toString(),
  [r.tokens.requests, r.tokens.promptTokens, r.tokens.cachedTokens, r.tokens.completionTokens, r.tokens.totalTokens],
  r.tokens.billed ?? 0,
  r.rule ?? null,
  r.fee ? 1 : 0,
];
function fromStored([unit, key, name, cents, listCents, counts, billed, rule, fee]: StoredRow): UnitRow {
  const [requests = 0, promptTokens = 0, cachedTokens = 0, completionTokens = 0, totalTokens = 0] = counts;
  const tokens: Tokens = { requests, promptTokens, cachedTokens, completionTokens, totalTokens };
  if (billed !== 0) tokens.billed = billed;
  return {
    unit,
    key,
    name,
    cents: BigInt(cents),
    listCents: BigInt(listCents),
    tokens,
    ...(rule !== null && { rule }),
    ...(fee === 1 && { fee: true as const }),
  };
}

// Rows as arrays with money as decimal strings: JSON.parse needs no reviver, which at thousands of rows is most of a read.
const rowsCodec: PartCodec<ReportRows> = {
  encode: (r) => ({ ...r, rows: r.rows.map(toStored), unmapped: r.unmapped.map(toStored) }),
  decode: (s: Stored) => ({ ...s, rows: s.rows.map(fromStored), unmapped: s.unmapped.map(fromStored) }),
};

/** The month's rows by one dimension, stored (built from its lines when stale). */
export const readReportRows = (reader: LedgerReader, month: string, by: ReportDimension, side: ReportSide = "month"): Promise<ReportRows> =>
  storedReports(reader, month).part(`report:${by}:${side}`, async () => reportRowsOf(await sideLines(reader, month, side), by), rowsCodec);

/** A report with each row's change like for like against the month's comparison basis (none across currencies). */
export type ReportWithChanges = { report: ChargebackReport; compared: ChargebackReport; basis: ChargebackReport; changes: RowChanges | undefined };

/**
 * The month's report by one dimension in a scope, from its stored rows, with its like-for-like
 * figures and its basis's (comparisonBasis.ts) and each row's change: what a page's table and
 * change card show, with no line of the month read. No calls by outcome: getChargebackReport adds them.
 */
export async function getReportWithChanges(
  reader: LedgerReader,
  month: string,
  by: ReportDimension,
  scope: ReportScope = ALL_UNITS,
): Promise<ReportWithChanges> {
  const read = async (side: ReportSide) => reportFromRows(await readReportRows(reader, month, by, side), scope);
  const [report, compared, basis] = await Promise.all([read("month"), read("compared"), read("basis")]);
  const changes = basis.currency === report.currency ? rowChanges(compared.rows, basis.rows, basisDays(month).label) : undefined;
  return { report, compared, basis, changes };
}

/**
 * The same as getReportWithChanges, from lines a view already holds (a filtered view's) and its
 * comparison basis's: what the stored rows are checked against.
 */
export function fromLines(lines: MonthLines, basis: ComparisonBasis, by: ReportDimension, scope: ReportScope = ALL_UNITS): ReportWithChanges {
  const report = reportFromRows(reportRowsOf(lines, by), scope);
  const compared = reportFromRows(reportRowsOf(comparableLines(lines, basis), by), scope);
  const previous = reportFromRows(reportRowsOf(basis.lines, by), scope);
  const changes = previous.currency === report.currency ? rowChanges(compared.rows, previous.rows, basis.label) : undefined;
  return { report, compared, basis: previous, changes };
}

/** Each unmapped app's usage in the month (no rule's unallocated part, no fee or correction), first seen first. */
export type UnmappedUsage = { appId: string; appName: string; cents: bigint; requests: number };

export function unmappedUsageOf({ lines }: MonthLines): UnmappedUsage[] {
  const apps = new Map<string, UnmappedUsage>();
  for (const l of lines) {
    if (l.businessUnit !== "" || l.kind !== "usage" || l.rule !== "") continue;
    const app = apps.get(l.appId) ?? { appId: l.appId, appName: l.appName, cents: 0n, requests: 0 };
    app.cents += l.cents;
    app.requests += l.tokens.requests;
    apps.set(l.appId, app);
  }
  return [...apps.values()];
}

/** The month's unmapped usage per app, stored: what the mappings page's queue adds up. */
export const readUnmappedUsage = (reader: LedgerReader, month: string): Promise<UnmappedUsage[]> =>
  storedReports(reader, month).part("unmappedUsage", async () => unmappedUsageOf(await monthLines(reader, month)));
