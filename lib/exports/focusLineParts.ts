import { splitByWeight } from "../core/money";
import { reservedDeployment } from "../pricing/chargedUsage";
import { readPrice } from "../statements/liveLines";
import type { CostedLine, LinePart } from "../statements/statementLine";

/** A statement line, or one part of it (a region's tokens, a reservation's capacity), as one FOCUS row shows it. */
export type ExportLine = CostedLine & { part?: Pick<LinePart, "region" | "reservation" | "ptuHours"> };

const isReservationPrice = (text: string) => reservedDeployment(readPrice(text)?.meterName ?? text) !== null;

/**
 * The prices a part cites: a capacity part its reservation's, a token part the token meters' — or,
 * for tokens of a provisioned deployment (charged nothing themselves), the reservation they ran on.
 */
function pricesOf(prices: readonly string[], capacity: boolean): string[] {
  const own = prices.filter((text) => isReservationPrice(text) === capacity);
  return own.length > 0 || capacity ? own : [...prices];
}

/** Amounts in proportion to the parts' exact costs, adding up to the line's (all to the first part when none cost anything). */
function shares(amount: bigint, weights: readonly bigint[]): bigint[] {
  return weights.some((w) => w !== 0n) ? splitByWeight(amount, weights) : weights.map((_, i) => (i === 0 ? amount : 0n));
}

/**
 * A usage line as one row per part it keeps, each with its share of the line's cents (so the rows
 * still add up to the statement to the cent) and the prices of its kind: capacity parts cite their
 * reservation, token parts the token meters. Other lines, and lines frozen before parts were kept,
 * are one row.
 */
export function exportLines(l: CostedLine): ExportLine[] {
  const parts = l.kind === "usage" ? (l.parts ?? []) : [];
  if (parts.length === 0) return [l];
  const weights = parts.map((p) => p.atto);
  const cents = shares(l.cents, weights);
  const listCents = shares(
    l.listCents,
    parts.map((p) => p.listAtto),
  );
  return parts.map(({ tokens, atto, listAtto, ...part }, i) => ({
    ...l,
    parts: undefined,
    tokens,
    atto,
    listAtto,
    cents: cents[i] ?? 0n,
    listCents: listCents[i] ?? 0n,
    prices: pricesOf(l.prices, part.reservation !== ""),
    part,
  }));
}
