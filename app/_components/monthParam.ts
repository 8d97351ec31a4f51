import { currentMonth } from "@/lib/core/clock";
import { Month } from "@/lib/core/months";

/** The month a page shows: the one asked for, else the current one (and whether the ask was bad). */
export function monthParam(value: string | string[] | undefined): { month: string; invalidMonth: boolean } {
  const parsed = Month.safeParse(value);
  return { month: parsed.success ? parsed.data : currentMonth(), invalidMonth: value !== undefined && !parsed.success };
}
