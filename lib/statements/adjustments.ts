import { nextMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { type LiveMonth, withMarkups } from "./liveLines";
import type { Markup } from "./markup";
import { monthUsageLines } from "./monthUsageLines";
import { addTokens, type CostedLine, lineKey, noTokens, type StatementLine } from "./statementLine";

/** Where corrections to a closed month land: the first month after it that is still open. */
export function landingMonth(month: string, closed: ReadonlySet<string>): string {
  let next = nextMonth(month);
  while (closed.has(next)) next = nextMonth(next);
  return next;
}

/**
 * Corrections to closed months that land in `month`: what those months' usage costs now (after
 * later mapping or price fixes, or late events) less everything already frozen for them.
 */
export async function adjustmentsLandingIn(reader: LedgerReader, month: string): Promise<StatementLine[]> {
  const { closedMonths, charges, markups } = await reader.catalog();
  const closed = new Set(closedMonths.map((c) => c.month));
  // A month closed in another currency cannot be corrected in this one: its statement stands.
  const sources = closedMonths.filter((c) => c.month < month && c.currency === charges.currency && landingMonth(c.month, closed) === month).map((c) => c.month);
  const found = await Promise.all(
    sources.map(async (m) => adjustmentsFromUsage(await monthUsageLines(reader, m), markups, m, await reader.statementLines({ forMonth: m }), month)),
  );
  return found.flat();
}

/** The corrections to closed month `forMonth`, from its usage lines now (before markups), booked in `month`. */
export function adjustmentsFromUsage(
  usage: LiveMonth,
  markups: readonly Markup[],
  forMonth: string,
  frozen: readonly CostedLine[],
  month: string,
): StatementLine[] {
  // Markups of a month closed on actual cost were computed on its true-up too: so are today's.
  const live = withMarkups(
    usage,
    markups,
    forMonth,
    frozen.filter((l) => l.kind === "trueup" && l.forMonth === forMonth),
  );
  const deltas = new Map<string, StatementLine>();
  const appModelTokens = new Map<string, number>();
  const touch = (line: StatementLine, sign: 1 | -1) => {
    const key = lineKey(line);
    // A correction is a difference per line: where the line's cost arose (its parts) is not carried.
    const { parts: _parts, ...identity } = line;
    const delta = deltas.get(key) ?? { ...identity, kind: "adjustment" as const, forMonth, reason: "", tokens: noTokens(), atto: 0n, listAtto: 0n, prices: [] };
    delta.atto += BigInt(sign) * line.atto;
    delta.listAtto += BigInt(sign) * line.listAtto;
    addTokens(delta.tokens, line.tokens, sign);
    // Live lines come first; a line only the close froze (its usage since moved elsewhere) cites the prices it was charged at.
    if (delta.prices.length === 0) delta.prices = line.prices;
    deltas.set(key, delta);
    const appModel = `${line.appId}|${line.model}`;
    appModelTokens.set(appModel, (appModelTokens.get(appModel) ?? 0) + sign * line.tokens.totalTokens);
  };
  live.lines.forEach((l) => touch(l, 1));
  // A true-up settled the month against its invoice at the close: it is not usage to correct.
  frozen.filter((l) => l.kind !== "trueup").forEach((l) => touch(l, -1));
  return [...deltas.values()]
    .filter((d) => d.atto !== 0n || d.listAtto !== 0n || d.tokens.totalTokens !== 0 || d.tokens.requests !== 0)
    .map((d) => ({ ...d, reason: reasonFor(d, appModelTokens.get(`${d.appId}|${d.model}`) ?? 0, month) }));
}

/** Why a correction was booked, each said once: the reasons statements keep, and how a page tells them apart. */
export const CORRECTION_CAUSES = {
  markup: "markup or the usage it is computed on changed after the close",
  usage: "usage recorded after the close",
  mapping: "app mapping changed after the close",
  price: "price changed after the close",
  discount: "discount changed after the close",
} as const;
export type CorrectionCause = keyof typeof CORRECTION_CAUSES;

/** The cause of a correction line from its reason; null for a reason not written here (a line frozen long ago). */
export const causeOf = (reason: string): CorrectionCause | null =>
  (Object.keys(CORRECTION_CAUSES) as CorrectionCause[]).find((cause) => reason.startsWith(CORRECTION_CAUSES[cause])) ?? null;

function reasonFor(delta: StatementLine, appModelTokenChange: number, month: string): string {
  const cause: CorrectionCause =
    delta.model === "markup"
      ? "markup"
      : appModelTokenChange !== 0
        ? "usage"
        : delta.tokens.totalTokens !== 0
          ? "mapping"
          : delta.listAtto !== 0n
            ? "price"
            : "discount";
  return `${CORRECTION_CAUSES[cause]} of ${delta.forMonth} (booked in ${month})`;
}
