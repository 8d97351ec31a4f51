import { formatCents, parseCents } from "../core/money";
import type { ReportRow } from "./reportRows";
import { percentChange } from "./projection";

/** A row's change like for like: the basis's amount, and this month's comparable amount less it (null when the basis had none). */
export type RowChange = { previous: string; delta: string; percent: string | null };
export type RowChanges = { label: string; rows: Record<string, RowChange> };

export const ROW_SORTS = ["cost", "delta", "percent", "name"] as const;
export type RowSort = (typeof ROW_SORTS)[number];

/**
 * Each row's change against the comparison basis (lib/reports/comparisonBasis.ts): `compared`
 * are this month's rows on the basis (its usage only, for an open month's same days), `previous`
 * the basis's rows. A row new this month compares with 0 and has no percentage.
 */
export function rowChanges(compared: readonly ReportRow[], previous: readonly ReportRow[], label: string): RowChanges {
  const before = new Map(previous.map((r) => [r.key, parseCents(r.cost)]));
  const now = new Map(compared.map((r) => [r.key, parseCents(r.cost)]));
  const rows: Record<string, RowChange> = {};
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    const a = now.get(key) ?? 0n;
    const b = before.get(key) ?? 0n;
    rows[key] = { previous: formatCents(b), delta: formatCents(a - b), percent: percentChange(a, b) };
  }
  return { label, rows };
}

const percentValue = (p: string | null) => (p === null ? Number.NEGATIVE_INFINITY : Number(p.replace("%", "")));

/** Rows in the order asked: by cost (the default), change, change in percent (largest first), or name. */
export function sortRows<T extends ReportRow>(rows: readonly T[], by: RowSort, changes: RowChanges | null): T[] {
  const change = (r: T) => changes?.rows[r.key];
  const cents = (a: string | undefined) => (a === undefined ? 0n : parseCents(a));
  const sorted = [...rows];
  if (by === "name") return sorted.sort((a, b) => a.name.localeCompare(b.name));
  if (by === "delta")
    return sorted.sort((a, b) => (cents(change(b)?.delta) > cents(change(a)?.delta) ? 1 : cents(change(b)?.delta) < cents(change(a)?.delta) ? -1 : 0));
  if (by === "percent") return sorted.sort((a, b) => percentValue(change(b)?.percent ?? null) - percentValue(change(a)?.percent ?? null));
  return sorted;
}
