// .NET's en-US DateTime.ToString(): "M/d/yyyy h:mm:ss tt"; the gateways log UTC without a zone.
const US_CULTURE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

// What ISO's fraction of a second reads as, for every three digits: the same sum as below, made
// once (a float sum, so a table rather than digit arithmetic gives the same milliseconds).
const MS_OF_FRACTION = Array.from({ length: 1000 }, (_, i) => Math.floor(Number(`0.${String(i).padStart(3, "0")}`) * 1000));
const digitAt = (text: string, at: number) => text.charCodeAt(at) - 48;
const digitsAt = (text: string, at: number, n: number) => {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = digitAt(text, i);
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
};

/**
 * "2026-01-01T00:00:06.046Z", as JavaScript and our policy write times, read without regular
 * expressions or substrings (it runs for every event); null for any other notation.
 */
function canonicalIso(text: string): number | null {
  if (text.length !== 24 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return null;
  if (text[19] !== "." || text[23] !== "Z") return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const fraction = digitsAt(text, 20, 3);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) return null;
  return utc(year, month, day, hour, minute, second, MS_OF_FRACTION[fraction] as number);
}

/** Parses an event time as UTC epoch milliseconds, whatever the machine's time zone; null if invalid. */
export function parseEventTime(text: string): number | null {
  const canonical = canonicalIso(text);
  if (canonical !== null) return canonical;
  const value = text.trim();
  const us = US_CULTURE.exec(value);
  if (us) {
    const [, month, day, year, hour12, minute, second, meridiem] = us;
    const h = Number(hour12);
    if (h < 1 || h > 12) return null;
    const hour = (h % 12) + (meridiem?.toUpperCase() === "PM" ? 12 : 0);
    return utc(Number(year), Number(month), Number(day), hour, Number(minute), Number(second), 0);
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, year, month, day, hour, minute, second = "0", fraction = "", zone = "Z"] = iso;
    const ms = fraction === "" ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
    const base = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), ms);
    const offset = zoneOffsetMs(zone);
    return base === null || offset === null ? null : base - offset;
  }
  return null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Dates that do not exist (2/30) are refused: a Date would roll them over into the next month.
  if (d > (mo === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[mo - 1] as number))) return null;
  // Date.UTC reads years 0-99 as 1900-1999 (0099-06-01 would become 1999-06-01): those years are
  // set on a Date. Not the others: this runs for every event, and a Date is garbage.
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(Date.UTC(2000, 0, 1, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}

/** The zone's offset from UTC; null for one no place has (past ±14:00, or minutes past 59). */
function zoneOffsetMs(zone: string): number | null {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

const DAY_MS = 86_400_000;
const dayNames = new Map<number, string>();

/** The UTC calendar day (YYYY-MM-DD) of an epoch-millisecond time; memoised, it runs per event. */
export function utcDay(ms: number): string {
  const index = Math.floor(ms / DAY_MS);
  let name = dayNames.get(index);
  if (name === undefined) {
    name = new Date(index * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(index, name);
  }
  return name;
}
