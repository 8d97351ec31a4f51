import { z } from "zod";
import { formatCents } from "../core/money";
import type { MonthLines } from "../statements/monthLines";
import { addTokens, noTokens, type Tokens, type UnpricedUsage } from "../statements/statementLine";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";
import type { CallOutcomes } from "./getCallOutcomes";

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

/** A report row held by one business unit ("" for an unmapped app's, or a rule's unallocated part, whose `rule` it names). */
export type UnitRow = { unit: string; key: string; name: string; cents: bigint; listCents: bigint; tokens: Tokens; rule?: string; fee?: true };

/**
 * A month's report by one dimension at the grain a scope filters by: its rows per business unit
 * (first seen first), the unmapped rows, the unpriced usage and the adjustments. What a month
 * stores per dimension (storedReports.ts), so a view adds up only the rows it shows.
 */
export type ReportRows = {
  month: string;
  currency: string;
  closed: ChargebackReport["closed"];
  rows: UnitRow[];
  unmapped: UnitRow[];
  unpriced: UnpricedUsage[];
  adjustments: Adjustment[];
};

/** The month's lines added up per business unit and row of the dimension. */
export function reportRowsOf({ month, lines, unpriced, currency, closed }: MonthLines, by: ReportDimension): ReportRows {
  const rows = new Map<string, UnitRow>();
  const unmapped = new Map<string, UnitRow>();
  for (const line of lines) {
    const unit = line.businessUnit;
    const [key, name] =
      // A rule's unallocated part is its own line, apart from the app's unmapped usage.
      unit === ""
        ? [line.rule === "" ? line.appId : `${line.appId}|${line.rule}`, line.appName]
        : by === "business-unit"
          ? [unit, unit]
          : by === "cost-center"
            ? [line.costCenter, line.costCenter]
            : by === "app"
              ? [line.appId, line.appName]
              : line.kind === "markup"
                ? [FEES_ROW.key, FEES_ROW.name]
                : [line.model, line.model];
    const [into, id] = unit === "" ? [unmapped, key] : [rows, `${unit}\u0000${key}`];
    const row = into.get(id) ?? {
      unit,
      key,
      name,
      cents: 0n,
      listCents: 0n,
      tokens: noTokens(),
      ...(unit === "" && { rule: line.rule }),
      // By app or model, a fee line is a row of its own kind; by unit or cost center it is part of what the unit is charged.
      ...(line.kind === "markup" && (by === "app" || by === "model") && { fee: true as const }),
    };
    row.cents += line.cents;
    row.listCents += line.listCents;
    if (line.kind === "usage") addTokens(row.tokens, line.tokens);
    into.set(id, row);
  }
  return {
    month,
    currency,
    closed: closed && { closedAt: new Date(closed.closedAt).toISOString(), closedBy: closed.closedBy },
    rows: [...rows.values()],
    unmapped: [...unmapped.values()],
    unpriced,
    adjustments: lines
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

type Row = Omit<UnitRow, "unit">;

/**
 * The report a scope sees of a month's rows: its units' rows added up per key (in the order the
 * lines first named them, so a key's row is made as the lines would make it), and the unmapped
 * rows only when it sees every unit. Rows plus unmapped equal the total, to the cent.
 */
export function reportFromRows(
  { month, currency, closed, rows, unmapped, unpriced, adjustments }: ReportRows,
  scope: ReportScope = ALL_UNITS,
): ChargebackReport {
  const everything = scope.units === "all";
  const seen = (unit: string) => (unit === "" ? everything : includesUnit(scope, unit));
  const merged = new Map<string, Row>();
  for (const { unit, ...r } of rows) {
    if (!seen(unit)) continue;
    const row = merged.get(r.key);
    if (!row) merged.set(r.key, { ...r, tokens: { ...r.tokens, ...(r.tokens.billed && { billed: { ...r.tokens.billed } }) } });
    else {
      row.cents += r.cents;
      row.listCents += r.listCents;
      addTokens(row.tokens, r.tokens);
    }
  }
  const sorted = byCost([...merged.values()]);
  const unmappedList = everything ? byCost(unmapped.map(({ unit: _unit, ...r }) => r)) : [];
  const unmappedCents = unmappedList.reduce((a, r) => a + r.cents, 0n);
  const reasons = new Map<string, { reason: string; requests: number; totalTokens: number }>();
  for (const u of unpriced.filter((u) => seen(u.businessUnit))) {
    const entry = reasons.get(u.reason) ?? { reason: u.reason, requests: 0, totalTokens: 0 };
    entry.requests += u.requests;
    entry.totalTokens += u.totalTokens;
    reasons.set(u.reason, entry);
  }
  const reasonList = [...reasons.values()].sort((a, b) => b.requests - a.requests);
  return {
    month,
    currency,
    closed,
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
    adjustments: adjustments.filter((a) => seen(a.businessUnit)),
  };
}

const byCost = (list: Row[]): Row[] => list.sort((a, b) => (a.cents === b.cents ? a.key.localeCompare(b.key) : a.cents > b.cents ? -1 : 1));
