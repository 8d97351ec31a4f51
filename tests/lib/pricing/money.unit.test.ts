import { describe, expect, it } from "vitest";
import { allocateCents, attoPerToken, attoToCents, formatAtto, formatCents } from "../../../lib/core/money";
import { itemAt } from "../../../lib/core/arrays";

describe("money", () => {
  it("converts per-1K and per-1M prices to exact per-token amounts", () => {
    expect(attoPerToken("0.000165", 1_000)).toBe(165_000_000_000n);
    expect(attoPerToken("5.5e-05", 1_000)).toBe(55_000_000_000n);
    expect(attoPerToken("0.05", 1_000_000)).toBe(50_000_000_000n);
    expect(attoPerToken("184.8", 1_000_000)).toBe(184_800_000_000_000n);
  });

  it("refuses a price finer than the scale instead of rounding it", () => {
    expect(() => attoPerToken("0.0000000000000001", 1_000)).toThrow(/whole 10\^-18 units/);
    expect(attoPerToken("0.123456789012345678", 1)).toBe(123_456_789_012_345_678n);
  });

  it("rounds half away from zero, once", () => {
    expect(attoToCents(5_000_000_000_000_000n)).toBe(1n); // $0.005
    expect(attoToCents(4_999_999_999_999_999n)).toBe(0n);
    expect(attoToCents(-5_000_000_000_000_000n)).toBe(-1n);
    expect(formatCents(123456n)).toBe("1234.56");
    expect(formatCents(-5n)).toBe("-0.05");
    expect(formatAtto(8_852_500_000_000_000n)).toBe("0.0088525");
    expect(formatAtto(123_456_789_012_345_678_901n)).toBe("123.456789012345678901");
    expect(formatAtto(-5n)).toBe("-0.000000000000000005");
  });

  it("allocates cents so the parts add up to the rounded total", () => {
    // Three parts of $0.004 each: rounded alone they would be 0 + 0 + 0 ≠ $0.01.
    const part = 4_000_000_000_000_000n;
    const cents = allocateCents([part, part, part]);
    expect(cents.reduce((a, b) => a + b, 0n)).toBe(1n);
    expect(cents).toEqual([1n, 0n, 0n]);
  });

  it("keeps every part within a cent of its exact value and the sum exact, for many random parts", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 30) }, () => BigInt(Math.floor(random() * 1e9)) * 10n ** 9n);
      const cents = allocateCents(parts);
      const total = parts.reduce((a, b) => a + b, 0n);
      expect(cents.reduce((a, b) => a + b, 0n)).toBe(attoToCents(total));
      cents.forEach((c, i) => {
        const diff = c * 10n ** 16n - itemAt(parts, i);
        expect(diff > -(10n ** 16n) && diff < 10n ** 16n).toBe(true);
      });
    }
  });

  it("splits an amount allocated elsewhere exactly, whatever it is, closest parts first", () => {
    const cent = 10n ** 16n;
    // $0.015 + $0.015 exact, but the level above gave this group $0.04 (or $0.01).
    expect(allocateCents([(15n * cent) / 10n, (15n * cent) / 10n], 4n)).toEqual([2n, 2n]);
    expect(allocateCents([(15n * cent) / 10n, (15n * cent) / 10n], 1n)).toEqual([1n, 0n]);
    expect(allocateCents([(-25n * cent) / 10n, cent], -1n)).toEqual([-2n, 1n]);
    expect(allocateCents([], 0n)).toEqual([]);
  });
});
