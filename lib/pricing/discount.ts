import { z } from "zod";
import { CalendarDay, EndDay } from "../core/days";
import { findOverlaps, inEffect } from "../core/effectiveDated";

/**
 * A negotiated discount off list prices, for one model family ("gpt-4o", "o4-mini") or every
 * model ("*"), from validFrom (inclusive) to validTo (exclusive), UTC days.
 */
export const Discount = z
  .object({
    family: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "is empty (use * for every model)")
      .refine((f) => !/-\d{4}-\d{2}-\d{2}$/.test(f), "is a model version: give its family without the date, e.g. gpt-4o"),
    percent: z
      .string()
      .trim()
      .regex(/^\d{1,2}(\.\d{1,4})?$/, "must be a percentage from 0 to 99.9999, at most 4 decimals"),
    validFrom: CalendarDay,
    validTo: EndDay,
  })
  .refine((d) => d.validTo === null || d.validTo > d.validFrom, { message: "must be after validFrom", path: ["validTo"] });
export type Discount = z.infer<typeof Discount>;

const PPM = 1_000_000n;

/** "gpt-4o-2024-08-06" → "gpt-4o": the model without its version date. */
export const modelFamily = (modelId: string) => modelId.replace(/-\d{4}-\d{2}-\d{2}$/, "");

/** The percentage as parts per million, exactly ("12.5" → 125000). */
export function percentPpm(percent: string): bigint {
  const [whole = "", fraction = ""] = percent.split(".");
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, "0"));
}

/** List cost less a discount, in atto-units, rounded half up once per priced row (a 10⁻¹⁸ step). */
export const discounted = (listAtto: bigint, ppm: bigint): bigint => (listAtto * (PPM - ppm) + PPM / 2n) / PPM;

/** The discounts in effect: a family's own discount wins over one for every model. */
export class DiscountBook {
  constructor(private readonly discounts: readonly Discount[]) {}

  /** Parts per million off the list price of a model on a day; 0 when none applies. */
  ppmOn(modelId: string, day: string): bigint {
    const family = modelFamily(modelId);
    const found = this.discounts.find((d) => d.family === family && inEffect(d, day)) ?? this.discounts.find((d) => d.family === "*" && inEffect(d, day));
    return found ? percentPpm(found.percent) : 0n;
  }
}

/** Two discounts of one family in effect on the same day, described; empty when none. */
export const findDiscountOverlaps = (discounts: readonly Discount[]) =>
  findOverlaps(
    discounts,
    (d) => d.family,
    (a, b) => `${a.family}: ${a.percent}% from ${a.validFrom} overlaps ${b.percent}% from ${b.validFrom}`,
  );
