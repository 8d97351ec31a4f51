import { Month, nextMonth } from "../core/months";

/** The periods a report can cover: one month (the default), its quarter, the year to it, or months from..to. */
export const RANGE_KINDS = ["month", "quarter", "ytd", "custom"] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

/** The months a report may show: from the first month with usage to the current one (null first: no usage yet). */
export type MonthBounds = { first: string | null; current: string };

/** Why an asked month is not shown, in words a reader understands. */
export type MonthRefusal = { month: string; reason: "invalid" | "future" | "before-data" };

/** A resolved period: its months, oldest first, and a label for headings. */
export type ReportRange = { kind: RangeKind; months: string[]; label: string; from: string; to: string };

/** The longest period a report adds up (three years). */
export const MAX_MONTHS = 36;

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= MAX_MONTHS; m = nextMonth(m)) months.push(m);
  return months;
}

/** The month asked for if it is a month with (possible) data, else the current one and why the ask was refused. */
export function boundedMonth(asked: string | undefined, bounds: MonthBounds): { month: string; refused: MonthRefusal | null } {
  if (asked === undefined || asked === "") return { month: bounds.current, refused: null };
  const reason = refusalOf(asked, bounds);
  return reason ? { month: bounds.current, refused: { month: asked.slice(0, 20), reason } } : { month: asked, refused: null };
}

function refusalOf(asked: string, bounds: MonthBounds): MonthRefusal["reason"] | null {
  if (!Month.safeParse(asked).success) return "invalid";
  if (asked > bounds.current) return "future";
  // The current month is always shown, even before its first event.
  if (asked < bounds.current && (bounds.first === null || asked < bounds.first)) return "before-data";
  return null;
}

/** A sentence for the refusal, naming the months that can be shown. */
export function describeRefusal(refused: MonthRefusal, shown: string, bounds: MonthBounds): string {
  const asked = JSON.stringify(refused.month);
  switch (refused.reason) {
    case "invalid":
      return `${asked} is not a month (write it as YYYY-MM, e.g. ${bounds.current}); showing ${shown}.`;
    case "future":
      return `${refused.month} has not started yet; showing ${shown}, the current month.`;
    case "before-data":
      return bounds.first
        ? `There is no usage before ${bounds.first}, the first month with data; showing ${shown}.`
        : `There is no usage recorded yet; showing ${shown}.`;
  }
}

/** The quarter (Jan-Mar, ...) a month is in, up to that month. */
const quarterStart = (month: string) => `${month.slice(0, 5)}${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}`;

/**
 * The months of a period ending at `month` (custom: from..to), clipped to the bounds: a quarter or
 * a year to date never reaches before the first data or after the current month.
 */
export function resolveRange(kind: RangeKind, month: string, bounds: MonthBounds, custom?: { from: string; to: string }): ReportRange {
  // Months as YYYY-MM sort as time does: the earlier or later of two is the first or last sorted.
  const later = (a: string, b: string) => [a, b].sort()[1] as string;
  const earlier = (a: string, b: string) => [a, b].sort()[0] as string;
  const clip = (m: string) => (bounds.first === null ? m : later(m, bounds.first));
  const [from, to] =
    kind === "quarter"
      ? [clip(quarterStart(month)), month]
      : kind === "ytd"
        ? [clip(`${month.slice(0, 4)}-01`), month]
        : kind === "custom" && custom
          ? [clip(custom.from), earlier(custom.to, bounds.current)]
          : [month, month];
  const start = earlier(from, to);
  const months = monthsBetween(start, to);
  const label =
    months.length === 1
      ? to
      : kind === "quarter"
        ? `Q${Math.floor((Number(to.slice(5, 7)) - 1) / 3) + 1} ${to.slice(0, 4)} (${start}…${to})`
        : kind === "ytd"
          ? `${to.slice(0, 4)} to date (${start}…${to})`
          : `${start}…${to}`;
  return { kind, months, label, from: start, to };
}
