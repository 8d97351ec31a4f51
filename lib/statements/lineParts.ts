import { CAPACITY_OPERATION } from "../pricing/chargedUsage";
import type { Price } from "../pricing/priceBook";
import type { Reservation } from "../pricing/reservation";
import { ptuHoursOf } from "../pricing/reservationCharges";
import type { LinePart } from "./statementLine";

type PartKey = { id: string; part: Pick<LinePart, "region" | "reservation" | "ptuHours"> };

/** The id FOCUS and the statements name a reservation by: its deployment and first day. */
export const reservationId = (deployment: string, validFrom: string) => `reservations/${deployment}/${validFrom.slice(0, 10)}`;

/**
 * Which part of its line a charged rollup row falls in: its deployment's region, and for a
 * provisioned capacity row (charged at the one price of its reservation) that reservation.
 */
export function partKeyOf(row: { region: string; deployment: string; operation: string }, charge: { prices: readonly Price[] }): PartKey {
  const capacity = row.operation === CAPACITY_OPERATION ? charge.prices[0] : undefined;
  const reservation = capacity ? reservationId(row.deployment, capacity.from) : "";
  return { id: `${row.region}|${reservation}`, part: { region: row.region, reservation, ptuHours: "" } };
}

/**
 * A line's parts in a stable order, each reservation part with the PTU-hours its cost pays for;
 * none when the line is one part without a region (nothing to tell apart).
 */
export function linePartsOf(parts: ReadonlyMap<string, LinePart>, month: string, reservations: readonly Reservation[]): { parts?: LinePart[] } {
  const list = [...parts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
  if (list.length === 0 || (list.length === 1 && list[0]?.region === "" && list[0]?.reservation === "")) return {};
  return {
    parts: list.map((p) => {
      if (p.reservation === "") return p;
      const r = reservations.find((x) => reservationId(x.deployment, x.validFrom) === p.reservation);
      return { ...p, ptuHours: r ? ptuHoursOf(r, month, p.atto) : "" };
    }),
  };
}
