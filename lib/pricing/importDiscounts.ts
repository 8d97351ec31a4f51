import { readCsv } from "../csv/readCsv";
import { describe, validateRows } from "../csv/validateRows";
import { UserError } from "../errors";
import type { AuditContext, UpsertSummary, UsageStore } from "../store/port";
import { Discount, findDiscountOverlaps } from "./discount";

/** Imports `family,percent,validFrom[,validTo]`; all rows or none, overlaps within a family refused. */
export async function importDiscounts(store: UsageStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const discounts = validateRows(readCsv(csv, file, ["family", "percent", "validFrom"], ["validTo"]), Discount, file);
  const merged = new Map((await store.listDiscounts()).map((d) => [`${d.family}|${d.validFrom}`, d]));
  for (const d of discounts) merged.set(`${d.family}|${d.validFrom}`, d);
  const overlaps = findDiscountOverlaps([...merged.values()]);
  if (overlaps.length > 0) throw new UserError(describe(overlaps, "overlapping discount"));
  return store.saveDiscounts(discounts, audit);
}
