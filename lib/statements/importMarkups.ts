import { readCsv } from "../csv/readCsv";
import { describe } from "../core/errors";
import { validateRows } from "../csv/validateRows";
import { UserError } from "../core/errors";
import { refuseOverlapsAfter } from "../core/effectiveDated";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { ALL_UNITS_SCOPE, findMarkupOverlaps, Markup, markupKey } from "./markup";

export const MARKUP_COLUMNS = { required: ["businessUnit", "kind", "amount", "validFrom"], optional: ["validTo", "currency", "costCenter", "label"] } as const;

/**
 * Imports `businessUnit,kind,amount,validFrom[,validTo,currency,costCenter,label]`: all rows or
 * none; the unit must be in the org mappings, a fee's cost center not another unit's, and one
 * unit's markups of a kind may not overlap.
 */
export async function importMarkups(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const markups = validateRows(readCsv(csv, file, MARKUP_COLUMNS.required, MARKUP_COLUMNS.optional), Markup, file);
  const mappings = await store.listOrgMappings();
  const units = new Set(mappings.map((m) => m.businessUnit));
  const unitOf = new Map(mappings.map((m) => [m.costCenter, m.businessUnit]));
  const problems = markups.flatMap((m) => {
    if (m.businessUnit === ALL_UNITS_SCOPE) return [];
    if (!units.has(m.businessUnit)) return [`${m.businessUnit}: no such business unit in the org mappings (or use ${ALL_UNITS_SCOPE} for every unit)`];
    const owner = unitOf.get(m.costCenter);
    return owner !== undefined && owner !== m.businessUnit ? [`${m.businessUnit}: cost center ${m.costCenter} belongs to ${owner}`] : [];
  });
  if (problems.length > 0) throw new UserError(describe(problems, "markup that cannot apply"));
  refuseOverlapsAfter(await store.listMarkups(), markups, markupKey, findMarkupOverlaps, "overlapping markup");
  return store.saveMarkups(markups, audit);
}
