import { readCsv } from "../csv/readCsv";
import { validateRows } from "../csv/validateRows";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { changeMappings } from "./changeMappings";
import { OrgMapping } from "./orgMapping";

export const ORG_COLUMNS = ["appId", "costCenter", "businessUnit", "validFrom"] as const;

/** Reads `appId,costCenter,businessUnit,validFrom[,validTo]`, every row checked, each error with its line. */
export const readOrgMappings = (csv: string, file: string): OrgMapping[] => validateRows(readCsv(csv, file, ORG_COLUMNS, ["validTo"]), OrgMapping, file);

/** Imports mappings all or nothing: bad rows, overlaps and gaps refuse the whole file. */
export async function importOrgMappings(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  return changeMappings(store, readOrgMappings(csv, file), audit);
}
