import { readCsv } from "../csv/readCsv";
import { validateRows } from "../csv/validateRows";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { Discount, findDiscountOverlaps } from "./discount";
import { refuseOverlapsAfter } from "../core/effectiveDated";

/** Imports `family,percent,validFrom[,validTo]`; all rows or none, overlaps within a family refused. */
export async function importDiscounts(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  const discounts = validateRows(readCsv(csv, file, ["family", "percent", "validFrom"], ["validTo"]), Discount, file);
  refuseOverlapsAfter(await store.listDiscounts(), discounts, (d) => `${d.family}|${d.validFrom}`, findDiscountOverlaps, "overlapping discount");
  return store.saveDiscounts(discounts, audit);
}
