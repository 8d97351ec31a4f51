import { z } from "zod";

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export const CalendarDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD", abort: true })
  .refine((d) => new Date(`${d}T00:00:00Z`).getUTCDate() === Number(d.slice(8)), "is not a calendar date");

/** The exclusive end of a range, a calendar day; empty or missing means open-ended (null). */
export const EndDay = z
  .union([CalendarDay, z.literal("")])
  .nullish()
  .transform((v) => (v ? v : null));
