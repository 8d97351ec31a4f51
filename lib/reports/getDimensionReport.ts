import { z } from "zod";
import { END_USER, OTHER_END_USERS, TAG_KEY, tagDimension } from "../events/eventTags";
import { allocateCents, ATTO_PER_UNIT, formatCents, splitByWeight } from "../core/money";
import { lineKey } from "../statements/statementLine";
import type { LedgerReader } from "../ledger/ledgerReader";
import { dimensionShares, type Share } from "./dimensionShares";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { ALL_UNITS, includesUnit, type ReportScope, scopeKey } from "./reportScope";
import { storedReports } from "./storedReports";
import { itemAt } from "../core/arrays";

/** `--by tag:<key>` or `--by end-user`: a breakdown by what the events carried. */
export const EventDimension = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .refine((v) => v === "end-user" || (v.startsWith("tag:") && TAG_KEY.test(v.slice(4))), {
    error: "must be tag:<key> (key of 1-32 of a-z 0-9 _ . -) or end-user",
  });
export type EventDimension = z.infer<typeof EventDimension>;
export const isEventDimension = (by: string) => by === "end-user" || by.startsWith("tag:");

/** The store's name of the dimension. */
const storeDimension = (by: EventDimension) => (by === "end-user" ? END_USER : tagDimension(by.slice(4)));
const noneLabel = (by: EventDimension) => (by === "end-user" ? "(no end user)" : "(untagged)");
const CORRECTIONS = "(adjustments and true-ups)";
/** End users past the busiest of an app-day in months compacted (lib/retention/rollupCompaction.ts). */
const OTHER_NAME = "(other end users)";
const MARKUPS = "(markups and fees)";
const sharedBy = (rule: string) => `(shared by split rule ${rule})`;

export type DimensionRow = { value: string; name: string; cost: string; requests: number; totalTokens: number };
export type DimensionReport = { month: string; currency: string; by: EventDimension; total: string; rows: DimensionRow[] };

const ATTO_PER_CENT = ATTO_PER_UNIT / 100n;

/**
 * The month's cost by one tag or by end user. Each line of the month's report (frozen when the month
 * is closed) keeps its cents and splits them among the values by their live share of the line's
 * cost; what no value carries is "(untagged)" / "(no end user)" (its cost, requests and tokens are
 * the line's less the values'), and adjustments and true-ups (no tags), and markups, have rows of
 * their own; for a unit owner, the unit's part of an app split with other units is one row per
 * rule. So the rows add up to the report's total to the cent, in any scope
 * (and, with `onlyApp`, to that app's cost).
 */
export async function getDimensionReport(
  reader: LedgerReader,
  month: string,
  by: EventDimension,
  { scope = ALL_UNITS, onlyApp }: { scope?: ReportScope; onlyApp?: string } = {},
): Promise<DimensionReport> {
  const build = () => dimensionReportOf(reader, month, by, scope, onlyApp);
  // Stored per breakdown, scope and app with the month's reports (their stamp covers the month's
  // lines and each close, and its usage version the shares), by the first view that asks.
  return storedReports(reader, month).part(`dimension:${by}:${scopeKey(scope)}:${onlyApp ?? ""}`, build);
}

async function dimensionReportOf(
  reader: LedgerReader,
  month: string,
  by: EventDimension,
  scope: ReportScope,
  onlyApp: string | undefined,
): Promise<DimensionReport> {
  const [{ lines, currency }, shares, { splitRules: rules }] = await Promise.all([
    monthLines(reader, month),
    dimensionShares(reader, month, storeDimension(by)),
    reader.catalog(),
  ]);
  const everything = scope.units === "all";
  // A unit's part of an app split with other units is not broken down for its owner: the values
  // (end users, tags) are every unit's, so it is one row per rule. A share by this very tag is.
  const byThisTag = new Set(rules.filter((r) => r.basis === storeDimension(by)).map((r) => r.id));
  const keptWhole = (line: MonthLines["lines"][number]) => !everything && line.rule !== "" && !byThisTag.has(line.rule);
  const rows = new Map<string, { cents: bigint; requests: number; totalTokens: number }>();
  const addTo = (value: string, cents: bigint, s?: Share) => {
    const row = rows.get(value) ?? { cents: 0n, requests: 0, totalTokens: 0 };
    row.cents += cents;
    row.requests += s?.requests ?? 0;
    row.totalTokens += s?.totalTokens ?? 0;
    rows.set(value, row);
  };
  for (const line of lines) {
    if (line.businessUnit === "" ? !everything : !includesUnit(scope, line.businessUnit)) continue;
    if (onlyApp !== undefined && line.appId !== onlyApp) continue;
    if (line.kind !== "usage") {
      addTo(line.kind === "markup" ? MARKUPS : CORRECTIONS, line.cents);
      continue;
    }
    if (keptWhole(line)) {
      addTo(sharedBy(line.rule), line.cents, { atto: 0n, requests: line.tokens.requests, totalTokens: line.tokens.totalTokens });
      continue;
    }
    const split = shares.get(lineKey(line)) ?? new Map<string, Share>();
    const values = [...split.keys()];
    const tagged = values.map((v) => split.get(v)!);
    // The untagged part is the line less its values (live cost: a frozen line may differ a little,
    // which moves only how its frozen cents are split). It goes first: cents no value can take land there.
    const rest = line.atto - tagged.reduce((a, s) => a + s.atto, 0n);
    const weights = [rest > 0n ? rest : 0n, ...tagged.map((s) => s.atto)];
    const cents = allocateCents(splitByWeight(line.cents * ATTO_PER_CENT, weights.some((w) => w > 0n) ? weights : [1n, ...weights.slice(1)]), line.cents);
    // A frozen line against live shares can leave less than nothing: counts never go below zero.
    const untagged = (count: (s: Share) => number, whole: number) => Math.max(0, whole - tagged.reduce((n, s) => n + count(s), 0));
    // One cent figure for the untagged rest, then one per tagged value.
    addTo("", itemAt(cents, 0), {
      atto: 0n,
      requests: untagged((s) => s.requests, line.tokens.requests),
      totalTokens: untagged((s) => s.totalTokens, line.tokens.totalTokens),
    });
    values.forEach((v, i) => addTo(v, itemAt(cents, i + 1), itemAt(tagged, i)));
  }
  const none = noneLabel(by);
  // A line wholly tagged leaves an empty untagged part: no row for nothing.
  const list = [...rows]
    .filter(([, r]) => r.cents !== 0n || r.requests !== 0)
    .map(([value, r]) => ({
      value,
      name: value === "" ? none : value === OTHER_END_USERS ? OTHER_NAME : value,
      cents: r.cents,
      requests: r.requests,
      totalTokens: r.totalTokens,
    }));
  list.sort((a, b) => (a.cents === b.cents ? a.name.localeCompare(b.name) : a.cents > b.cents ? -1 : 1));
  return {
    month,
    currency,
    by,
    total: formatCents(list.reduce((a, r) => a + r.cents, 0n)),
    rows: list.map(({ cents, ...r }) => ({ ...r, cost: formatCents(cents) })),
  };
}
