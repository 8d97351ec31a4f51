import { decimalToAtto, tokensOf } from "./decimalAtto";
import { itemAt } from "../core/arrays";

// An import adds three amounts per row over millions of rows: bigint arithmetic per row costs more
// than reading the CSV. Amounts are read into float64 integers instead, exact while below 2^53,
// and each total is folded into a bigint long before it could stop being exact.
const NANO = 1_000_000_000;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, NANO];
/** Whole part of the amounts the float64 path takes: 10^6 × 10^9 + 10^9 stays under 2^50. */
const MAX_WHOLE = 1_000_000;
/** A total is folded at 2^52, so adding anything under 2^52 to it stays below 2^53, exact. */
const FOLD = 2 ** 52;

/**
 * One amount as read from a cell: `nano` whole 10^-9 units and `atto` the 10^-18 units below them
 * (same sign), or, for what the float64 path does not take (exponent notation, more than 18
 * decimals, a million or more), `exact` in 10^-18 units.
 */
export type Amount = { nano: number; atto: number; exact: bigint | null };
export const newAmount = (): Amount => ({ nano: 0, atto: 0, exact: null });

/** Reads a decimal ("12.5", "-0.000123", "1.2E-05") into `into`; false when it is not a number. */
export function readAmount(text: string, into: Amount): boolean {
  if (readPlain(text, into)) {
    into.exact = null;
    return true;
  }
  into.exact = decimalToAtto(text);
  return into.exact !== null;
}

/** Plain notation with at most 18 decimals and a whole part under a million, or false. */
function readPlain(s: string, into: Amount): boolean {
  const n = s.length;
  let i = 0;
  const negative = n > 0 && s.charCodeAt(0) === 45; // "-"
  if (negative) i = 1;
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    digits++;
  }
  if (whole >= MAX_WHOLE) return false;
  let high = 0; // the first nine decimals
  let low = 0; // the next nine
  let decimals = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    // "."
    for (i++; i < n; i++, decimals++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || decimals === 18) return false;
      if (decimals < 9) high = high * 10 + d;
      else low = low * 10 + d;
    }
    digits += decimals;
  }
  if (i !== n || digits === 0) return false;
  if (decimals < 9) high *= itemAt(POW10, 9 - decimals);
  else low *= itemAt(POW10, 18 - decimals);
  const nano = whole * NANO + high;
  into.nano = negative ? -nano : nano;
  into.atto = negative ? -low : low;
  return true;
}

/** A running total of integers: a float64 while that is exact, folded into a bigint before it is not. */
export class IntegerSum {
  private small = 0;
  private big = 0n;

  /** `n` must be an integer of magnitude under 2^52. */
  add(n: number): void {
    this.small += n;
    if (this.small >= FOLD || this.small <= -FOLD) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  addExact(n: bigint): void {
    this.big += n;
  }

  get value(): bigint {
    return this.big + BigInt(this.small);
  }
}

/** A running total of amounts in exact 10^-18 units. */
export class AttoSum {
  private readonly nano = new IntegerSum();
  private readonly atto = new IntegerSum();

  add(amount: Amount): void {
    if (amount.exact !== null) this.atto.addExact(amount.exact);
    else {
      this.nano.add(amount.nano);
      this.atto.add(amount.atto);
    }
  }

  get value(): bigint {
    return this.nano.value * BigInt(NANO) + this.atto.value;
  }
}

/** How many tokens one unit of quantity is, and that number's power of ten (-1 when it is none up to 10^9). */
export type TokensPerUnit = { tokens: bigint; powerOfTen: number };
export function tokensPerUnit(tokens: bigint): TokensPerUnit {
  const powerOfTen = POW10.findIndex((p) => BigInt(p) === tokens);
  return { tokens, powerOfTen };
}

/** Adds quantity × tokens per unit to `sum`, rounded half away from zero to a whole token, as `tokensOf` does. */
export function addTokens(sum: IntegerSum, quantity: Amount, per: TokensPerUnit): void {
  const k = per.powerOfTen;
  if (quantity.exact !== null || k < 0) {
    sum.addExact(tokensOf(quantity.exact ?? BigInt(quantity.nano) * BigInt(NANO) + BigInt(quantity.atto), per.tokens));
    return;
  }
  // quantity × 10^k = nano / 10^(9-k) + atto × 10^k / 10^18; only the first decimal of the
  // result decides the rounding, and the atto part can reach it only when k is 9.
  const nano = Math.abs(quantity.nano);
  const divisor = itemAt(POW10, 9 - k);
  const remainder = nano % divisor;
  const whole = (nano - remainder) / divisor;
  const roundsUp = k < 9 ? 2 * remainder >= divisor : 2 * Math.abs(quantity.atto) >= NANO;
  const tokens = roundsUp ? whole + 1 : whole;
  sum.add(quantity.nano < 0 || quantity.atto < 0 ? -tokens : tokens);
}
