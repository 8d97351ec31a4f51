/**
 * A text cell a spreadsheet will not run as a formula: names come from app registrations and
 * events, which anyone in the tenant can set, so a leading = + - @ (or tab, return) gets a quote.
 */
export const safeText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The cell as it was before `safeText`, for files Chargeback exports to be imported again. */
export const unsafeText = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
