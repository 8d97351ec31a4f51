import { readCsv } from "../csv/readCsv";
import { describe, validateRows } from "../csv/validateRows";
import { UserError } from "../errors";
import type { AuditContext, UpsertSummary, UsageStore } from "../store/port";
import { findMarkupOverlaps, Markup, markupKey } from "./markup";

export const MARKUP_COLUMNS = { required: ["businessUnit", "kind", "amount", "validFrom"], optional: ["validTo", "currency", "costCenter", "label"] } as const;

/**
 * Imports `businessUnit,kind,amount,validFrom[,validTo,currency,costCenter,label]`: all rows or
 * none; one unit's markups of a kind may not overlap.
 */
export async function importMarkups(store: UsageStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const markups = validateRows(readCsv(csv, file, MARKUP_COLUMNS.required, MARKUP_COLUMNS.optional), Markup, file);
  const merged = new Map((await store.listMarkups()).map((m) => [markupKey(m), m]));
  for (const m of markups) merged.set(markupKey(m), m);
  const overlaps = findMarkupOverlaps([...merged.values()]);
  if (overlaps.length > 0) throw new UserError(describe(overlaps, "overlapping markup"));
  return store.saveMarkups(markups, audit);
}
