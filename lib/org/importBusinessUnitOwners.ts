import { readCsv } from "../csv/readCsv";
import { validateRows } from "../csv/validateRows";
import type { AuditContext, UpsertSummary, AccessStore } from "../store/port";
import { BusinessUnitOwner } from "./businessUnitOwner";

export const OWNER_COLUMNS = ["businessUnit", "principalType", "principalId", "displayName"] as const;

/** Imports `businessUnit,principalType,principalId,displayName`; all rows or none. */
export async function importBusinessUnitOwners(store: AccessStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const owners = validateRows(readCsv(csv, file, OWNER_COLUMNS, []), BusinessUnitOwner, file);
  return store.saveBusinessUnitOwners(owners, audit);
}
