import { TOKEN_DETAILS, type TokenDetail } from "../pricing/billedTokens";

/**
 * Tokens billed on meters of their own: the details of the prompt and completion, and the tokens
 * of calls at priority or with a long-context prompt.
 */
export const BILLED_KINDS = [...TOKEN_DETAILS, "priorityTokens", "longContextTokens"] as const;
export type BilledKind = (typeof BILLED_KINDS)[number];

/**
 * Counts of a line: requests and tokens, and the tokens billed apart (only those not 0; lines
 * frozen before they were kept have none). Adjustment lines carry differences, which may be negative.
 */
export type Tokens = {
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  totalTokens: number;
  billed?: Partial<Record<BilledKind, number>>;
};

export const noTokens = (): Tokens => ({ requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, totalTokens: 0 });

export function addTokens(into: Tokens, from: Tokens, sign = 1): void {
  into.requests += sign * from.requests;
  into.promptTokens += sign * from.promptTokens;
  into.cachedTokens += sign * from.cachedTokens;
  into.completionTokens += sign * from.completionTokens;
  into.totalTokens += sign * from.totalTokens;
  for (const [kind, n] of Object.entries(from.billed ?? {}) as [BilledKind, number][]) {
    const sum = (into.billed?.[kind] ?? 0) + sign * n;
    into.billed = { ...into.billed, [kind]: sum };
    if (sum === 0) delete into.billed[kind];
  }
}

/** The counts of a daily rollup (the store port's DailyUsage), as they are written here. */
type RollupCounts = {
  requests: bigint;
  promptTokens: bigint;
  cachedTokens: bigint;
  completionTokens: bigint;
  totalTokens: bigint;
  serviceTier: string;
  longContext: boolean;
} & Record<TokenDetail, bigint>;

/** A daily rollup's counts as a line's. */
export function tokensOf(u: RollupCounts): Tokens {
  const billed: Partial<Record<BilledKind, number>> = {};
  for (const d of TOKEN_DETAILS) if (u[d] !== 0n) billed[d] = Number(u[d]);
  if (u.serviceTier === "priority") billed.priorityTokens = Number(u.totalTokens);
  if (u.longContext) billed.longContextTokens = Number(u.totalTokens);
  const tokens: Tokens = {
    requests: Number(u.requests),
    promptTokens: Number(u.promptTokens),
    cachedTokens: Number(u.cachedTokens),
    completionTokens: Number(u.completionTokens),
    totalTokens: Number(u.totalTokens),
  };
  return Object.keys(billed).length > 0 ? { ...tokens, billed } : tokens;
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
  /**
   * Where a usage line's cost arose, by deployment region and provisioned reservation: a line is
   * per model, while a model may be deployed in several regions and a reservation's cost is
   * capacity, not tokens. Exports that name a region or a commitment (FOCUS) need them apart.
   * Absent on other kinds and on lines frozen before parts were kept.
   */
  parts?: LinePart[];
};

/**
 * One region's (and, for provisioned capacity, one reservation's) share of a usage line; the parts
 * of a line add up to it. `reservation` is "" for tokens, else the reservation's id
 * (`reservations/<deployment>/<validFrom>`) and `ptuHours` the PTU-hours its cost pays for.
 */
export type LinePart = { region: string; reservation: string; ptuHours: string; tokens: Tokens; atto: bigint; listAtto: bigint };

type StoredPart = Omit<LinePart, "atto" | "listAtto"> & { atto: string; listAtto: string };

/** Parts as stored with a frozen line (JSON, money as decimal strings); "" = none kept. */
export const storeParts = (parts: readonly LinePart[] | undefined): string =>
  parts && parts.length > 0 ? JSON.stringify(parts.map((p): StoredPart => ({ ...p, atto: p.atto.toString(), listAtto: p.listAtto.toString() }))) : "";

export const readParts = (stored: string | undefined): LinePart[] | undefined =>
  stored ? (JSON.parse(stored) as StoredPart[]).map((p) => ({ ...p, atto: BigInt(p.atto), listAtto: BigInt(p.listAtto) })) : undefined;

/** A line with its cents: allocated once, at close for frozen statements, at read time otherwise. */
export type CostedLine = StatementLine & { cents: bigint; listCents: bigint };

export type UnpricedUsage = { businessUnit: string; reason: string; requests: number; totalTokens: number };

export type ClosedMonth = { month: string; closedAt: number; closedBy: string; currency: string; unpriced: UnpricedUsage[] };
export type MonthLogEntry = { month: string; action: "close" | "reopen"; by: string; at: number; reason: string };

export const lineKey = (l: Pick<StatementLine, "businessUnit" | "costCenter" | "appId" | "model" | "rule">) =>
  `${l.businessUnit}|${l.costCenter}|${l.appId}|${l.model}|${l.rule}`;
