import { now as clockNow } from "../core/clock";
import { monthDays, nextDay, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import { allocateLines } from "../statements/allocateLines";
import { usageLines, withMarkups } from "../statements/liveLines";
import { usageLinesCodec } from "../statements/usageLinesCodec";
import { monthLines, type MonthLines } from "../statements/monthLines";
import { projectMonthEnd } from "./projection";
import { unreadLines } from "./unreadLines";

/**
 * What a month's figures are compared against. For the month now is in: the previous month's same
 * days (1 to today's day, as far as it has them), usage only — the open month holds usage so far,
 * and markups and corrections are not usage. For any other month: the previous month whole, as
 * its report shows it.
 */
export type ComparisonBasis = { lines: MonthLines; label: string; usageOnly: boolean };

export async function getComparisonBasis(
  reader: LedgerReader,
  month: string,
  now = clockNow(),
  { lines: read = true }: { lines?: boolean } = {},
): Promise<ComparisonBasis> {
  const basis = basisDays(month, now);
  // Without `lines`, only what the basis is (a view with no filter reads its figures stored): its lines are not read (unreadLines.ts).
  if (!read) return { lines: unreadLines(basis.before), label: basis.label, usageOnly: basis.through !== undefined };
  if (!basis.through) return { lines: await monthLines(reader, basis.before), label: basis.label, usageOnly: false };
  return { lines: await sameDays(reader, basis.before, basis.through), label: basis.label, usageOnly: true };
}

/** Which month, and (while `month` is the one now is in) up to which day of it, a month is compared with. */
export function basisDays(month: string, now = clockNow()): { before: string; through?: string; label: string } {
  const before = previousMonth(month);
  const sofar = projectMonthEnd(month, 0n, now);
  if (!sofar) return { before, label: before };
  const { to } = monthDays(before);
  let through = `${before}-01`;
  let days = 0;
  for (; days < sofar.daysElapsed && through < to; days++) through = nextDay(through);
  return { before, through, label: `${before}, days 1–${days}` };
}

/** The month's usage on the days before `through`, priced and attributed as its ledger does: usage lines only. */
async function sameDays(reader: LedgerReader, month: string, through: string): Promise<MonthLines> {
  // One part per month, not per day asked: a day later it is built again for the new day.
  const [{ markups }, { usage }] = await Promise.all([
    reader.catalog(),
    reader.figures(month).part(
      "sameDays",
      async () => {
        const ledger = await reader.ledger(month);
        return { through, usage: usageLines({ ...ledger, attributed: ledger.attributed.filter((r) => r.day < through) }) };
      },
      {
        encode: (v) => ({ through: v.through, usage: usageLinesCodec.encode(v.usage) }),
        decode: (plain: { through: string; usage: never }) => ({ through: plain.through, usage: usageLinesCodec.decode(plain.usage) }),
      },
      (stored) => stored.through === through,
    ),
  ]);
  const live = withMarkups(usage, markups, month);
  return {
    month,
    lines: allocateLines(live.lines.filter((l) => l.kind === "usage")),
    unpriced: live.unpriced,
    currency: live.currency,
    closed: null,
  };
}

/** The month's own lines for a comparison on this basis: its usage only, when the basis is usage only. */
export const comparableLines = (lines: MonthLines, basis: ComparisonBasis): MonthLines =>
  basis.usageOnly ? { ...lines, lines: allocateLines(lines.lines.filter((l) => l.kind === "usage")) } : lines;
