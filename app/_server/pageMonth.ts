import "server-only";
import { currentMonth } from "@/lib/core/clock";
import { boundedMonth, type MonthBounds, type MonthRefusal } from "@/lib/reports/reportRange";
import { getSharedStore } from "@/lib/store";

/** The months a page may show: from the first with usage to the current one. */
export async function monthBounds(): Promise<MonthBounds> {
  const days = await getSharedStore().getUsageDayRange();
  return { first: days ? days.first.slice(0, 7) : null, current: currentMonth() };
}

export type PageMonth = { month: string; refused: MonthRefusal | null; bounds: MonthBounds };

/**
 * The month a page shows: the one asked for when it is a month with data (or the current one),
 * else the current month and why the ask was refused, for InvalidMonthNote.
 */
export async function pageMonth(asked: string | string[] | undefined): Promise<PageMonth> {
  const bounds = await monthBounds();
  const text = Array.isArray(asked) ? asked[0] : asked;
  return { ...boundedMonth(text, bounds), bounds };
}
