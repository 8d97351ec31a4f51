/**
 * Instants the date-sensitive tests run at (CHARGEBACK_NOW): where months, leap days and daylight
 * saving have broken date code before. Names say why each is here.
 */
export const INSTANTS = {
  "the 1st at 00:30 UTC": "2027-03-01T00:30:00Z",
  "the 6th": "2026-12-06T09:30:00Z",
  "the 15th": "2026-11-15T12:00:00Z",
  "the last day of a 31-day month, late": "2027-01-31T23:30:00Z",
  "29 February": "2028-02-29T16:00:00Z",
  "DST starts in New York": "2027-03-14T07:30:00Z",
} as const;

/** The browser tests' instant unless CHARGEBACK_NOW says otherwise. */
export const E2E_DEFAULT_NOW = INSTANTS["the 6th"];

/** The second instant `npm test` runs the browser tests at. */
export const E2E_SECOND_NOW = INSTANTS["29 February"];
