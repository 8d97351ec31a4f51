import DecimalJs from "decimal.js";

// Exact for any product of two cells (decimal.js rounds to 20 significant digits by default).
const Decimal = DecimalJs.clone({ precision: 100 });
import type { Check } from "./ruleModel";

/** A row of a FOCUS file as read: an empty cell is null, as the validator's loader reads it. */
export type FocusRow = Record<string, string | null>;
export type FocusDataset = { columns: ReadonlySet<string>; rows: readonly FocusRow[]; currencies: ReadonlySet<string> };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// FOCUS DateTimeFormat: ISO 8601 in UTC, date and time separated by T, to the second.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
// FOCUS UnitFormat: a unit ("Tokens", "GB"), a unit per time ("GB/Hour"), a unit over time
// ("GB-Hours"), a quantity of units ("1000 Tokens") or units per interval ("Requests/3 Months").
const WORDS = "[A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*)*";
const SINGULAR = "(?:Year|Month|Day|Hour|Minute|Second)";
const PLURAL = `${SINGULAR}s`;
const UNIT = new RegExp(`^(?:${WORDS}|${WORDS}-${PLURAL}|${WORDS}/${SINGULAR}|\\d+ ${WORDS}|${WORDS}/\\d+ ${PLURAL})$`);

const isDecimal = (v: string) => DECIMAL.test(v.trim());
const isDateTime = (v: string) => DATE_TIME.test(v) && new Date(v).toISOString() === v.replace("Z", ".000Z");

/** KeyValueFormat: a JSON object whose values are strings, numbers, booleans or null, never nested. */
function isKeyValue(v: string): boolean {
  try {
    const parsed: unknown = JSON.parse(v);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
    return Object.values(parsed).every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));
  } catch {
    return false;
  }
}

/** A rule model value against a cell: numbers compare as decimals ("0.00" is 0), text exactly. */
function equals(cell: string | null, value: string | number | null | undefined): boolean {
  if (value === null || value === undefined) return cell === null;
  if (cell === null) return false;
  if (typeof value === "number") return isDecimal(cell) && new Decimal(cell).equals(value);
  return cell === value;
}

const col = (row: FocusRow, name: string | undefined): string | null => (name === undefined ? null : (row[name] ?? null));

/**
 * Whether a row satisfies a check. In a condition, "A is not X" holds when A is null (the FOCUS
 * text's meaning; the validator's SQL would leave such rows out). In a requirement, a comparison
 * with a value holds on null, as in the validator: whether A may be null is a rule of its own, so
 * "one of the allowed values" is not broken by a null. Format checks hold on null for that reason.
 * Dataset-wide checks are in datasetViolations.
 */
export function holds(check: Check, row: FocusRow, data: FocusDataset, requirement = false): boolean {
  const a = col(row, check.ColumnName ?? check.ColumnAName);
  const b = col(row, check.ColumnBName);
  const unknown = requirement && (a === null || (check.ColumnBName !== undefined && b === null));
  switch (check.CheckFunction) {
    case "AND":
      return (check.Items ?? []).every((c) => holds(c, row, data, requirement));
    case "OR":
      return (check.Items ?? []).some((c) => holds(c, row, data, requirement));
    case "CheckValue":
      return (unknown && check.Value !== null) || equals(a, check.Value);
    case "CheckNotValue":
      return !equals(a, check.Value);
    case "CheckSameValue":
      return unknown || a === b;
    case "CheckNotSameValue":
      return unknown || a !== b;
    case "CheckGreaterOrEqualThanValue":
      return a === null || (isDecimal(a) && new Decimal(a).gte(Number(check.Value)));
    case "TypeDecimal":
    case "FormatNumeric":
    case "CheckDecimalValue":
      return a === null || isDecimal(a);
    case "TypeDateTime":
    case "FormatDateTime":
      return a === null || isDateTime(a);
    case "FormatString":
      // The validator reads StringHandling as ASCII text.
      return a === null || [...a].every((ch) => ch.charCodeAt(0) < 128);
    case "FormatUnit":
      return a === null || UNIT.test(a);
    case "FormatKeyValue":
      return a === null || isKeyValue(a);
    case "FormatCurrency":
    case "CheckNationalCurrency":
      return a === null || data.currencies.has(a.trim());
    case "ColumnByColumnEqualsColumnValue": {
      const r = col(row, check.ResultColumnName);
      // Exact decimal arithmetic: the validator multiplies doubles, which would hide a rounded price.
      if (a === null || b === null || r === null) return true;
      return isDecimal(a) && isDecimal(b) && isDecimal(r) && new Decimal(a).times(b).equals(r);
    }
    default:
      throw new Error(`check function ${check.CheckFunction} is not a row check`);
  }
}

/** Checks over the whole dataset (or the rows a condition selects): how many violations. */
export function datasetViolations(check: Check, rows: readonly FocusRow[], data: FocusDataset): number | null {
  switch (check.CheckFunction) {
    case "ColumnPresent":
      return data.columns.has(check.ColumnName!) ? 0 : 1;
    case "TypeString": {
      // The validator infers a CSV column's type from its values: a column of numbers is not text.
      const values = rows.map((r) => col(r, check.ColumnName)).filter((v): v is string => v !== null);
      return values.length > 0 && values.every(isDecimal) ? values.length : 0;
    }
    case "CheckDistinctCount": {
      const groups = new Map<string | null, Set<string>>();
      for (const r of rows) {
        const key = col(r, check.ColumnAName);
        const values = groups.get(key) ?? new Set<string>();
        const b = col(r, check.ColumnBName);
        if (b !== null) values.add(b);
        groups.set(key, values);
      }
      return [...groups.values()].filter((v) => v.size !== check.ExpectedCount).length;
    }
    default:
      return null;
  }
}

/** The columns a check reads: a missing one fails the check, as it does in the validator. */
export const columnsOf = (check: Check): string[] =>
  check.Items
    ? check.Items.flatMap(columnsOf)
    : [check.ColumnName, check.ColumnAName, check.ColumnBName, check.ResultColumnName].filter((c): c is string => c !== undefined);
