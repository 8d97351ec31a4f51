import { readCsv } from "../csv/readCsv";
import { describe, validateRows } from "../csv/validateRows";
import { UserError } from "../errors";
import type { AuditContext, UpsertSummary, UsageStore } from "../store/port";
import { reportCurrency } from "./loadPricer";
import { findReservationOverlaps, Reservation } from "./reservation";

export const RESERVATION_COLUMNS = { required: ["deployment", "units", "price", "per", "validFrom"], optional: ["validTo", "currency", "idle"] } as const;

/**
 * Imports `deployment,units,price,per,validFrom[,validTo,currency,idle]`: all rows or none. The
 * currency defaults to the reports' and idle capacity to `share`. A reservation must name a
 * configured provisioned deployment, and one deployment's reservations may not overlap.
 */
export async function importReservations(store: UsageStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const rows = readCsv(csv, file, RESERVATION_COLUMNS.required, RESERVATION_COLUMNS.optional).map((row) => ({
    ...row,
    values: { ...row.values, currency: row.values.currency || reportCurrency(), idle: row.values.idle || "share" },
  }));
  const reservations = validateRows(rows, Reservation, file);
  const deployments = new Map((await store.listDeployments()).map((d) => [d.name, d]));
  const problems = reservations.flatMap((r) => {
    const deployment = deployments.get(r.deployment);
    if (!deployment) return [`${r.deployment}: no such deployment (import it first with chargeback deployments import)`];
    return deployment.sku === "ProvisionedManaged" ? [] : [`${r.deployment}: is ${deployment.sku}, only ProvisionedManaged deployments are reserved`];
  });
  if (problems.length > 0) throw new UserError(describe(problems, "reservation that cannot apply"));
  const merged = new Map((await store.listReservations()).map((r) => [`${r.deployment}|${r.validFrom}`, r]));
  for (const r of reservations) merged.set(`${r.deployment}|${r.validFrom}`, r);
  const overlaps = findReservationOverlaps([...merged.values()]);
  if (overlaps.length > 0) throw new UserError(describe(overlaps, "overlapping reservation"));
  return store.saveReservations(reservations, audit);
}
