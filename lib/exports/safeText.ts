/**
 * A text cell a spreadsheet will not run as a formula: names come from app registrations and
 * events, which anyone in the tenant can set, so a leading = + - @ (or tab, return) gets a quote.
 */
export const safeText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
