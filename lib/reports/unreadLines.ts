import type { MonthLines } from "../statements/monthLines";

/**
 * A month's lines a view chose not to read (a page with no filter shows stored figures only):
 * its month is known, and reading anything else of it throws, so a view that does need the lines
 * fails at once instead of showing an empty month.
 */
export function unreadLines(month: string): MonthLines {
  const unread = (): never => {
    throw new Error(`the lines of ${month} were not read: ask for them ({ lines: true })`);
  };
  return Object.defineProperties({ month } as MonthLines, {
    lines: { get: unread },
    unpriced: { get: unread },
    currency: { get: unread },
    closed: { get: unread },
  });
}
