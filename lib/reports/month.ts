import { z } from "zod";

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM");

/** The UTC days [first, next month's first) of a YYYY-MM month. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return { from: `${month}-01`, to: `${next}-01` };
}
