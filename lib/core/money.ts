import Decimal from "decimal.js";
import { itemAt } from "./arrays";

/** Amounts are integers of 10^-18 USD: a token can cost $0.000000005, so cents would lose money. */
export const ATTO_PER_UNIT = 10n ** 18n;
const ATTO_PER_CENT = 10n ** 16n;
// Enough significant digits that no price the API can state is rounded on its way to atto units.
const Exact = Decimal.clone({ precision: 60 });

/** Exact per-token price in atto-units, from a decimal price per `unitTokens` tokens. */
export function attoPerToken(price: string, unitTokens: number): bigint {
  const atto = new Exact(price).times(ATTO_PER_UNIT.toString()).div(unitTokens);
  if (!atto.isFinite() || !atto.isInteger() || atto.isNegative()) {
    throw new Error(`price ${price} per ${unitTokens} tokens is not a non-negative amount of whole 10^-18 units per token`);
  }
  return BigInt(atto.toFixed(0));
}

/** An exact decimal amount of money ("1250.50") in atto-units. */
export const amountToAtto = (amount: string): bigint => attoPerToken(amount, 1);

/** Rounds half away from zero, once, at presentation. */
export function attoToCents(atto: bigint): bigint {
  const half = ATTO_PER_CENT / 2n;
  return atto >= 0n ? (atto + half) / ATTO_PER_CENT : -((-atto + half) / ATTO_PER_CENT);
}

/** "-12.34" → -1234n: the inverse of formatCents, for amounts already rounded to cents. */
export const parseCents = (amount: string): bigint => BigInt(amount.replace(".", ""));

export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** The exact decimal string of an atto amount, without trailing zeros (for audits and tests). */
export const formatAtto = (atto: bigint): string => formatScaled(atto, 18);

/** An integer count of 10^-places units as an exact decimal, without trailing zeros. */
export function formatScaled(value: bigint, places: number): string {
  const unit = 10n ** BigInt(places);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const fraction = (abs % unit).toString().padStart(places, "0").replace(/0+$/, "");
  return `${sign}${abs / unit}${fraction === "" ? "" : `.${fraction}`}`;
}

/**
 * Rounds each part to cents so that the parts add up to the rounded sum of the exact parts
 * (largest remainder): a statement's lines always reconcile with its total to the cent. A
 * `target` already allocated elsewhere (a unit's cents split among its apps, an app's cents
 * split among its deployments) makes the parts add up to it instead: the cents missing or over
 * go one at a time to the parts with the largest (or, taken away, the smallest) remainders.
 */
export function allocateCents(parts: readonly bigint[], target = attoToCents(parts.reduce((a, b) => a + b, 0n))): bigint[] {
  const floors = parts.map((p) => floorDiv(p, ATTO_PER_CENT));
  const cents = [...floors];
  if (parts.length === 0) return cents;
  let missing = target - floors.reduce((a, b) => a + b, 0n);
  const byRemainder = parts
    .map((p, i) => ({ i, rest: p - itemAt(floors, i) * ATTO_PER_CENT }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  const bump = (k: number, by: bigint) => {
    const { i } = itemAt(byRemainder, k);
    cents[i] = itemAt(cents, i) + by;
  };
  for (let k = 0; missing > 0n; k = (k + 1) % byRemainder.length, missing--) bump(k, 1n);
  for (let k = byRemainder.length - 1; missing < 0n; k = (k - 1 + byRemainder.length) % byRemainder.length, missing++) bump(k, -1n);
  return cents;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * Splits an exact amount in proportion to weights, so the parts add up to it exactly: each part
 * is rounded down and the atto-units left over go one each to the largest remainders (ties: the
 * earlier part). All weights 0: nothing can be split, every part is 0.
 */
export function splitByWeight(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (amount * w) / total);
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  const byRemainder = weights.map((w, i) => ({ i, rest: (amount * w) % total })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) {
    const { i } = itemAt(byRemainder, k);
    parts[i] = itemAt(parts, i) + 1n;
  }
  return parts;
}

/** The size of an amount (10^-18 units or cents), whatever its sign. */
export const magnitude = (amount: bigint): bigint => (amount < 0n ? -amount : amount);
