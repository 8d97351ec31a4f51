import { describe, expect, it } from "vitest";
import { decimalToAtto, tokensOf } from "../../../lib/invoice/decimalAtto";
import { addTokens, AttoSum, IntegerSum, newAmount, readAmount, tokensPerUnit } from "../../../lib/invoice/exactSum";

// The float64 path must give exactly what the bigint one (decimalToAtto, tokensOf) gives.
const EDGES = [
  "0",
  "-0",
  "0.0",
  ".5",
  "5.",
  "-.5",
  "1",
  "-1",
  "12.5",
  "-0.05",
  "0.000000001",
  "0.000000000000000001",
  "-0.000000000000000001",
  "0.123456789",
  "0.1234567891",
  "0.123456789012345678",
  "-987654.123456789012345678",
  "999999.999999999999999999",
  "1000000",
  "1000000.5",
  "-1000000.000000000000000001",
  "123456789012345678901234.5",
  "0.1234567890123456789",
  "1.2E-05",
  "-3e2",
  "1e-20",
  " 7 ",
  "",
  "+4",
  "n/a",
  "-",
  ".",
  "1.2.3",
  "1,5",
  "--1",
  "0x10",
  "Infinity",
  "NaN",
];

function randomDecimal(random: () => number): string {
  const whole = String(Math.floor(random() * 10 ** Math.floor(random() * 9)));
  const decimals = Math.floor(random() * 20);
  const fraction = Array.from({ length: decimals }, () => Math.floor(random() * 10)).join("");
  return `${random() < 0.3 ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe("exact sums of export amounts", () => {
  const random = seeded(7);
  const values = [...EDGES, ...Array.from({ length: 2000 }, () => randomDecimal(random))];

  it("read every amount as decimalToAtto does, and refuse the same texts", () => {
    for (const text of values) {
      const amount = newAmount();
      const sum = new AttoSum();
      const ok = readAmount(text, amount);
      expect([text, ok]).toEqual([text, decimalToAtto(text) !== null]);
      if (!ok) continue;
      sum.add(amount);
      expect([text, sum.value]).toEqual([text, decimalToAtto(text)]);
    }
  });

  it("add up to the exact total however large it grows", () => {
    const sum = new AttoSum();
    const amount = newAmount();
    let expected = 0n;
    for (let i = 0; i < 20; i++) {
      for (const text of values) {
        if (!readAmount(text, amount)) continue;
        sum.add(amount);
        expected += decimalToAtto(text)!;
      }
    }
    expect(sum.value).toBe(expected);
    const big = new IntegerSum();
    for (let i = 0; i < 10; i++) big.add(2 ** 51 + 1);
    expect(big.value).toBe(10n * (2n ** 51n + 1n));
  });

  it("round tokens half away from zero as tokensOf does, for any unit", () => {
    for (const per of [1n, 10n, 1_000n, 1_000_000n, 1_000_000_000n, 5_000n, 10_000_000_000n]) {
      for (const text of [...values, "0.0005", "-0.0005", "0.0004999", "0.0000005", "0.0000004999999", "2.5", "-2.5"]) {
        const amount = newAmount();
        if (!readAmount(text, amount)) continue;
        const sum = new IntegerSum();
        addTokens(sum, amount, tokensPerUnit(per));
        expect([text, per, sum.value]).toEqual([text, per, tokensOf(decimalToAtto(text)!, per)]);
      }
    }
  });
});
