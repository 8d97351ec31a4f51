import { z } from "zod";
import { nextMonth } from "../core/months";
import { Month } from "../core/months";

export const MAX_MONTHS = 36;

/** `from`..`to` inclusive, YYYY-MM each; `to` defaults to `from`. */
export const MonthRange = z
  .object({ from: Month, to: Month.optional() })
  .transform(({ from, to }) => ({ from, to: to ?? from }))
  .refine(({ from, to }) => from <= to, { message: "from must not be after to" })
  .transform(({ from, to }) => {
    const months: string[] = [];
    for (let m = from; m <= to && months.length <= MAX_MONTHS; m = nextMonth(m)) months.push(m);
    return months;
  })
  .refine((months) => months.length <= MAX_MONTHS, { message: `at most ${MAX_MONTHS} months per export` });

/** A CSV streamed a month at a time, so a year of data never sits in memory whole. */
export function streamMonths(months: readonly string[], header: string, rowsOf: (month: string) => Promise<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rest = months.values();
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        controller.enqueue(encoder.encode(header));
        headerSent = true;
        return;
      }
      const next = rest.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(await rowsOf(next.value)));
    },
  });
}
