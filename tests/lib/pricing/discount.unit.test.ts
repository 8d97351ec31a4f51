import { describe, expect, it } from "vitest";
import { discounted, DiscountBook, findDiscountOverlaps, modelFamily, percentPpm, type Discount } from "../../../lib/pricing/discount";

const d = (family: string, percent: string, validFrom: string, validTo: string | null = null): Discount => ({ family, percent, validFrom, validTo });

describe("discounts", () => {
  it("reads a model's family without its version date", () => {
    expect(["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "o4-mini-2025-04-16", "text-embedding-3-small"].map(modelFamily)).toEqual([
      "gpt-4o",
      "gpt-4o-mini",
      "o4-mini",
      "text-embedding-3-small",
    ]);
  });

  it("takes exact percentages off exact amounts", () => {
    expect(percentPpm("12.5")).toBe(125_000n);
    expect(percentPpm("0.0001")).toBe(1n);
    expect(discounted(3_500_000_000_000_000n, percentPpm("12.5"))).toBe(3_062_500_000_000_000n);
    expect(discounted(3n, percentPpm("50"))).toBe(2n); // 1.5 atto rounds half up
  });

  it("applies a family's discount before an all-models one, each only within its dates", () => {
    const book = new DiscountBook([d("*", "5", "2026-01-01"), d("gpt-4o", "20", "2026-10-15", "2026-11-01")]);
    expect(book.ppmOn("gpt-4o-2024-08-06", "2026-10-14")).toBe(50_000n);
    expect(book.ppmOn("gpt-4o-2024-08-06", "2026-10-15")).toBe(200_000n);
    expect(book.ppmOn("gpt-4o-mini-2024-07-18", "2026-10-15")).toBe(50_000n);
    expect(book.ppmOn("gpt-4o-2024-08-06", "2026-11-01")).toBe(50_000n);
    expect(book.ppmOn("gpt-4o-2024-08-06", "2025-12-31")).toBe(0n);
  });

  it("refuses two discounts of one family on the same day", () => {
    expect(findDiscountOverlaps([d("gpt-4o", "10", "2026-01-01", "2026-06-01"), d("gpt-4o", "12", "2026-05-01"), d("*", "5", "2026-01-01")])).toEqual([
      "gpt-4o: 10% from 2026-01-01 overlaps 12% from 2026-05-01",
    ]);
  });
});
