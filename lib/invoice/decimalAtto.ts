import Decimal from "decimal.js";
import { ATTO_PER_UNIT } from "../core/money";

const PLAIN = /^(-?)(\d*)(?:\.(\d*))?$/;
const Exact = Decimal.clone({ precision: 60 });

/**
 * A decimal amount from an export ("12.5", "-0.000123", "1.2E-05") as exact 10^-18 units. Digits
 * past the 18th are rounded half away from zero: no export states money that finely. Plain
 * notation takes the string path: an import reads millions of these.
 */
export function decimalToAtto(text: string): bigint | null {
  const s = text.trim();
  if (s === "") return 0n;
  const plain = PLAIN.exec(s);
  if (plain && (plain[2] !== "" || (plain[3] ?? "") !== "") && (plain[3] ?? "").length <= 18) {
    const atto = BigInt((plain[2] || "0") + (plain[3] ?? "").padEnd(18, "0"));
    return plain[1] === "-" ? -atto : atto;
  }
  let value: Decimal;
  try {
    value = new Exact(s);
  } catch {
    return null;
  }
  if (!value.isFinite()) return null;
  return BigInt(value.times(ATTO_PER_UNIT.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** A count of tokens from a quantity in units of `per` tokens, rounded half away from zero to a whole token. */
export function tokensOf(quantity: bigint, per: bigint): bigint {
  const scaled = quantity * per;
  const half = ATTO_PER_UNIT / 2n;
  return scaled >= 0n ? (scaled + half) / ATTO_PER_UNIT : -((-scaled + half) / ATTO_PER_UNIT);
}
