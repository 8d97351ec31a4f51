import { z } from "zod";

/** Months and their days, all UTC, as YYYY-MM and YYYY-MM-DD text (which sorts as time does). */

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");

const shift = (month: string, by: number): string => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
};

/** The month after `month`, YYYY-MM. */
export const nextMonth = (month: string): string => shift(month, 1);

/** The month before `month`, YYYY-MM. */
export const previousMonth = (month: string): string => shift(month, -1);

/** The UTC days [first, next month's first) of a YYYY-MM month. */
export function monthDays(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${nextMonth(month)}-01` };
}

/** The day after `day`, YYYY-MM-DD. */
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The day before `day`, YYYY-MM-DD. */
export const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
