/** Counts of a line: requests and tokens. Adjustment lines carry differences, which may be negative. */
export type Tokens = { requests: number; promptTokens: number; cachedTokens: number; completionTokens: number; totalTokens: number };

export const noTokens = (): Tokens => ({ requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, totalTokens: 0 });

export function addTokens(into: Tokens, from: Tokens, sign = 1): void {
  into.requests += sign * from.requests;
  into.promptTokens += sign * from.promptTokens;
  into.cachedTokens += sign * from.cachedTokens;
  into.completionTokens += sign * from.completionTokens;
  into.totalTokens += sign * from.totalTokens;
}

/**
 * The grain of every report and statement: one app's use of one model under one cost center in a
 * month. `businessUnit` and `costCenter` are "" while the app is not mapped.
 */
export type StatementLine = {
  /**
   * A true-up brings a line's app to its share of the Azure invoice when a month is closed on
   * actual cost; a markup is cost recovery on top of usage (lib/statements/markup.ts).
   */
  kind: "usage" | "adjustment" | "trueup" | "markup";
  forMonth: string;
  businessUnit: string;
  costCenter: string;
  appId: string;
  appName: string;
  model: string;
  reason: string;
  tokens: Tokens;
  /** What the line costs after discounts, and at list prices (equal without a discount). */
  atto: bigint;
  listAtto: bigint;
  prices: string[];
  /** The split rule that produced the line ("" = the app's mapping); with no business unit, the rule's unallocated part. */
  rule: string;
};

/** A line with its cents: allocated once, at close for frozen statements, at read time otherwise. */
export type CostedLine = StatementLine & { cents: bigint; listCents: bigint };

export type UnpricedUsage = { businessUnit: string; reason: string; requests: number; totalTokens: number };

export type ClosedMonth = { month: string; closedAt: number; closedBy: string; currency: string; unpriced: UnpricedUsage[] };
export type MonthLogEntry = { month: string; action: "close" | "reopen"; by: string; at: number; reason: string };

export const lineKey = (l: Pick<StatementLine, "businessUnit" | "costCenter" | "appId" | "model" | "rule">) =>
  `${l.businessUnit}|${l.costCenter}|${l.appId}|${l.model}|${l.rule}`;
