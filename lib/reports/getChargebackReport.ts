import { z } from "zod";
import { formatCents } from "../core/money";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { addTokens, noTokens, type Tokens } from "../statements/statementLine";
import type { LedgerReader } from "../ledger/ledgerReader";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";
import { getCallOutcomes, type CallOutcomes } from "./getCallOutcomes";

export const REPORT_DIMENSIONS = ["business-unit", "cost-center", "app", "model"] as const;
export const ReportDimension = z.enum(REPORT_DIMENSIONS, { error: `--by must be one of ${REPORT_DIMENSIONS.join(", ")}` });
export type ReportDimension = z.infer<typeof ReportDimension>;

/** `cost` is after discounts; `listCost` at list prices (the same without a discount). */
/** `fee`: markups and platform fees, cost recovery on top of usage: not a model, and no app of anyone's. */
export type ReportRow = { key: string; name: string; cost: string; listCost?: string; fee?: true } & Tokens;
/** The one row of a by-model report that holds the markups and fees. */
export const FEES_ROW = { key: "markup", name: "Markups and fees" } as const;
export type Adjustment = {
  forMonth: string;
  businessUnit: string;
  costCenter: string;
  appId: string;
  appName: string;
  model: string;
  cost: string;
  reason: string;
};
export type ChargebackReport = {
  month: string;
  currency: string;
  /** Set when finance has closed the month: the figures are the frozen statement's. */
  closed: { closedAt: string; closedBy: string } | null;
  total: string;
  /** The total at list prices: total and listTotal differ by the discounts. */
  listTotal: string;
  rows: ReportRow[];
  /** Usage nobody carries: unmapped apps (`rule` "") and the parts split rules left unallocated (`rule` named, cost also in `unallocated`). */
  unmapped: { cost: string; requests: number; unallocated: string; apps: { appId: string; rule: string; cost: string; requests: number }[] };
  unpriced: { requests: number; totalTokens: number; reasons: { reason: string; requests: number; totalTokens: number }[] };
  adjustments: Adjustment[];
  /**
   * Calls by outcome: failed-call volume per app, and billed calls without usage (not priced, not
   * zero). Open months only: a closed month's report is frozen, and these are live counts.
   */
  calls?: CallOutcomes;
};

type Row = { key: string; name: string; cents: bigint; listCents: bigint; tokens: Tokens; rule?: string; fee?: true };

/**
 * The month's cost by business unit, cost center, app or model. An open month is priced and
 * attributed as of now, plus corrections to earlier closed months that land in it; a closed month
 * is its frozen statement. Rows count the month's own requests and tokens; their cost includes
 * corrections. Rows plus unmapped equal the total, to the cent. A scoped report holds only its
 * units' lines: no other unit's numbers, no unmapped apps.
 */
export async function getChargebackReport(reader: LedgerReader, month: string, by: ReportDimension, scope: ReportScope = ALL_UNITS): Promise<ChargebackReport> {
  const lines = await monthLines(reader, month);
  const report = reportFromLines(lines, by, scope);
  return lines.closed ? report : { ...report, calls: await getCallOutcomes(reader, month, scope) };
}

/** The report of a month whose lines are already at hand: a page showing several views reads them once. */
export function reportFromLines(
  { month, lines, unpriced, currency, closed }: MonthLines,
  by: ReportDimension,
  scope: ReportScope = ALL_UNITS,
): ChargebackReport {
  const everything = scope.units === "all";
  const visible = lines.filter((l) => (l.businessUnit === "" ? everything : includesUnit(scope, l.businessUnit)));
  const rows = new Map<string, Row>();
  const unmapped = new Map<string, Row>();
  for (const line of visible) {
    const [key, name] =
      // A rule's unallocated part is its own line, apart from the app's unmapped usage.
      line.businessUnit === ""
        ? [line.rule === "" ? line.appId : `${line.appId}|${line.rule}`, line.appName]
        : by === "business-unit"
          ? [line.businessUnit, line.businessUnit]
          : by === "cost-center"
            ? [line.costCenter, line.costCenter]
            : by === "app"
              ? [line.appId, line.appName]
              : line.kind === "markup"
                ? [FEES_ROW.key, FEES_ROW.name]
                : [line.model, line.model];
    const into = line.businessUnit === "" ? unmapped : rows;
    const row = into.get(key) ?? {
      key,
      name,
      cents: 0n,
      listCents: 0n,
      tokens: noTokens(),
      ...(line.businessUnit === "" && { rule: line.rule }),
      // By app or model, a fee line is a row of its own kind; by unit or cost center it is part of what the unit is charged.
      ...(line.kind === "markup" && (by === "app" || by === "model") && { fee: true as const }),
    };
    row.cents += line.cents;
    row.listCents += line.listCents;
    if (line.kind === "usage") addTokens(row.tokens, line.tokens);
    into.set(key, row);
  }
  const sorted = byCost([...rows.values()]);
  const unmappedList = byCost([...unmapped.values()]);
  const unmappedCents = unmappedList.reduce((a, r) => a + r.cents, 0n);
  const reasons = new Map<string, { reason: string; requests: number; totalTokens: number }>();
  for (const u of unpriced.filter((u) => (u.businessUnit === "" ? everything : includesUnit(scope, u.businessUnit)))) {
    const entry = reasons.get(u.reason) ?? { reason: u.reason, requests: 0, totalTokens: 0 };
    entry.requests += u.requests;
    entry.totalTokens += u.totalTokens;
    reasons.set(u.reason, entry);
  }
  const reasonList = [...reasons.values()].sort((a, b) => b.requests - a.requests);
  return {
    month,
    currency,
    closed: closed && { closedAt: new Date(closed.closedAt).toISOString(), closedBy: closed.closedBy },
    total: formatCents(sorted.reduce((a, r) => a + r.cents, 0n) + unmappedCents),
    listTotal: formatCents([...sorted, ...unmappedList].reduce((a, r) => a + r.listCents, 0n)),
    rows: sorted.map((r) => ({
      key: r.key,
      name: r.name,
      cost: formatCents(r.cents),
      listCost: formatCents(r.listCents),
      ...(r.fee && { fee: r.fee }),
      ...r.tokens,
    })),
    unmapped: {
      cost: formatCents(unmappedCents),
      requests: unmappedList.reduce((n, r) => n + r.tokens.requests, 0),
      unallocated: formatCents(unmappedList.filter((r) => r.rule).reduce((a, r) => a + r.cents, 0n)),
      apps: unmappedList.map((r) => ({
        appId: r.rule ? r.key.slice(0, -r.rule.length - 1) : r.key,
        rule: r.rule ?? "",
        cost: formatCents(r.cents),
        requests: r.tokens.requests,
      })),
    },
    unpriced: { requests: reasonList.reduce((n, r) => n + r.requests, 0), totalTokens: reasonList.reduce((n, r) => n + r.totalTokens, 0), reasons: reasonList },
    adjustments: visible
      .filter((l) => l.kind === "adjustment")
      .map((l) => ({
        forMonth: l.forMonth,
        businessUnit: l.businessUnit,
        costCenter: l.costCenter,
        appId: l.appId,
        appName: l.appName,
        model: l.model,
        cost: formatCents(l.cents),
        reason: l.reason,
      })),
  };
}

const byCost = (list: Row[]): Row[] => list.sort((a, b) => (a.cents === b.cents ? a.key.localeCompare(b.key) : a.cents > b.cents ? -1 : 1));
