import { readCsv } from "../csv/readCsv";
import { validateRows } from "../csv/validateRows";
import { refuseOverlapsAfter } from "../pricing/effectiveDated";
import type { AuditContext, UpsertSummary, UsageStore } from "../store/port";
import { findMarkupOverlaps, Markup, markupKey } from "./markup";

export const MARKUP_COLUMNS = { required: ["businessUnit", "kind", "amount", "validFrom"], optional: ["validTo", "currency", "costCenter", "label"] } as const;

/**
 * Imports `businessUnit,kind,amount,validFrom[,validTo,currency,costCenter,label]`: all rows or
 * none; one unit's markups of a kind may not overlap.
 */
export async function importMarkups(store: UsageStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const markups = validateRows(readCsv(csv, file, MARKUP_COLUMNS.required, MARKUP_COLUMNS.optional), Markup, file);
  refuseOverlapsAfter(await store.listMarkups(), markups, markupKey, findMarkupOverlaps, "overlapping markup");
  return store.saveMarkups(markups, audit);
}
