import type { ReactNode } from "react";
import { formatCount, formatMoney } from "@/lib/reports/formatMoney";
import type { ColumnKey } from "./columnSort";

/**
 * A column of a small sortable table: its name in the table's address parameter (`by`), its header,
 * how it sorts, and its cell. `rowHeader`: the cell names the row; `testId`: on each of its cells.
 */
export type Column<T> = { by: string; label: string; key: ColumnKey<T>; cell: (row: T) => ReactNode; rowHeader?: boolean; testId?: string };

/** A column of text (A to Z), shown as `cell` shows it (the text itself unless given). */
export const textColumn = <T>(by: string, label: string, text: (row: T) => string, cell: (row: T) => ReactNode = text): Column<T> => ({
  by,
  label,
  key: { text },
  cell,
});

/** A column of counts, largest first. */
export const countColumn = <T>(by: string, label: string, count: (row: T) => number): Column<T> => ({
  by,
  label,
  key: { count },
  cell: (row) => formatCount(count(row)),
});

/** A column of money, largest first, shown in `currency`. */
export const moneyColumn = <T>(by: string, label: string, money: (row: T) => string, currency: string): Column<T> => ({
  by,
  label,
  key: { money },
  cell: (row) => formatMoney(money(row), currency),
});
