import { readCsv } from "../csv/readCsv";
import { describe } from "../core/errors";
import { validateRows } from "../csv/validateRows";
import { UserError } from "../core/errors";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { isProvisioned } from "./deployment";
import { refuseOverlapsAfter } from "../core/effectiveDated";
import { reportCurrency } from "./loadPricer";
import { findReservationOverlaps, Reservation } from "./reservation";

export const RESERVATION_COLUMNS = {
  required: ["deployment", "units", "price", "per", "validFrom"],
  optional: ["validTo", "currency", "idle", "outputWeight"],
} as const;

/**
 * Imports `deployment,units,price,per,validFrom[,validTo,currency,idle,outputWeight]`: all rows or
 * none. The currency defaults to the reports', idle capacity to `share`, the output weight to 1. A reservation must name a
 * configured provisioned deployment, and one deployment's reservations may not overlap.
 */
export async function importReservations(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const rows = readCsv(csv, file, RESERVATION_COLUMNS.required, RESERVATION_COLUMNS.optional).map((row) => ({
    ...row,
    values: {
      ...row.values,
      currency: row.values.currency || reportCurrency(),
      idle: row.values.idle || "share",
      outputWeight: row.values.outputWeight || "1",
    },
  }));
  const reservations = validateRows(rows, Reservation, file);
  const deployments = new Map((await store.listDeployments()).map((d) => [d.name, d]));
  const problems = reservations.flatMap((r) => {
    const deployment = deployments.get(r.deployment);
    if (!deployment) return [`${r.deployment}: no such deployment (import it first with chargeback deployments import)`];
    return isProvisioned(deployment.sku) ? [] : [`${r.deployment}: is ${deployment.sku}, only provisioned deployments are reserved`];
  });
  if (problems.length > 0) throw new UserError(describe(problems, "reservation that cannot apply"));
  refuseOverlapsAfter(
    await store.listReservations(),
    reservations,
    (r) => `${r.deployment}|${r.validFrom}`,
    findReservationOverlaps,
    "overlapping reservation",
  );
  return store.saveReservations(reservations, audit);
}
