import { readCsv } from "../csv/readCsv";
import { describe, validateRows } from "../csv/validateRows";
import { UserError } from "../errors";
import type { UpsertSummary, UsageStore } from "../store/port";
import { findOverlaps, OrgMapping } from "./orgMapping";

export const ORG_COLUMNS = ["appId", "costCenter", "businessUnit", "validFrom"] as const;

/** Imports `appId,costCenter,businessUnit,validFrom[,validTo]`; all rows or none. */
export async function importOrgMappings(store: UsageStore, csv: string, file: string): Promise<UpsertSummary> {
  const mappings = validateRows(readCsv(csv, file, ORG_COLUMNS, ["validTo"]), OrgMapping, file);
  const merged = new Map((await store.listOrgMappings()).map((m) => [`${m.appId}|${m.validFrom}`, m]));
  for (const m of mappings) merged.set(`${m.appId}|${m.validFrom}`, m);
  const overlaps = findOverlaps([...merged.values()]);
  if (overlaps.length > 0) throw new UserError(describe(overlaps, "overlapping range"));
  return store.saveOrgMappings(mappings);
}
