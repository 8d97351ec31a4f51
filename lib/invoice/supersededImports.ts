import { nextMonth } from "../core/months";
import type { InvoiceImport } from "./invoiceLine";

/**
 * The earlier imports a newer export replaces: Cost Management re-exports the month to date every
 * day, each file a fuller snapshot of the same scope. An import is replaced when its charge
 * months are all months of the new one and each of its resources is in the new one.
 */
export function supersededImports(latest: InvoiceImport, earlier: readonly InvoiceImport[]): string[] {
  const months = new Set(monthsBetween(latest.fromDay, latest.toDay));
  const resources = new Set(latest.resources);
  return earlier
    .filter(
      (i) =>
        i.id !== latest.id && i.fromDay !== "" && monthsBetween(i.fromDay, i.toDay).every((m) => months.has(m)) && i.resources.every((r) => resources.has(r)),
    )
    .map((i) => i.id);
}

function monthsBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let m = fromDay.slice(0, 7); m <= toDay.slice(0, 7); m = nextMonth(m)) out.push(m);
  return out;
}
