import { z } from "zod";
import { parseEventTime } from "./parseEventTime";

const missingOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? "is missing" : `must be ${expected}`;

/** A required identifier: a non-empty string. */
export const RequiredText = z
  .string({ error: missingOr("a string") })
  .transform((v) => v.trim())
  .refine((v) => v !== "", { message: "is empty" });

/** Optional text; empty strings and the gateways' "NA" placeholders count as absent. */
export const OptionalText = z
  .union([z.string(), z.number()], { error: "must be a string" })
  .nullish()
  .transform((v) => optionalText(v));
export const optionalText = (v: string | number | null | undefined): string | null => {
  const text = v === null || v === undefined ? "" : String(v).trim();
  return text === "" || text === "NA" ? null : text;
};

// No single call comes near a billion tokens; larger counts are corrupt and would skew totals.
const MAX_TOKENS = 1_000_000_000;
const WHOLE = /^\s*-?\d+(\.\d+)?\s*$/;

/** Token counts arrive as numbers or as strings of digits; both must be whole and non-negative. */
export const TokenCount = z.union([z.number(), z.string()], { error: missingOr("a number") }).transform((value, ctx) => {
  const n = tokenCountOf(value);
  if (typeof n === "number") return n;
  ctx.addIssue({ code: "custom", message: n });
  return z.NEVER;
});
/** A token count's value, or what is wrong with it. */
function tokenCountOf(value: number | string): number | string {
  const n = typeof value === "number" ? value : WHOLE.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return `is not a number (${JSON.stringify(value)})`;
  if (n < 0) return `is negative (${n})`;
  if (!Number.isInteger(n)) return `is not a whole number (${n})`;
  if (n > MAX_TOKENS) return `is implausibly large (${n})`;
  return n;
}

export const OptionalTokenCount = TokenCount.optional();

/** Token counts of our own shape, which are JSON numbers by contract: a cheaper check. */
export const NumericTokenCount = z
  .int({
    error: (issue) =>
      issue.input === undefined ? "is missing" : typeof issue.input === "number" ? `is not a whole number (${issue.input})` : "must be a number",
  })
  .min(0, { error: (issue) => `is negative (${issue.input})` })
  .max(MAX_TOKENS, { error: (issue) => `is implausibly large (${issue.input})` });

/** Free text of our own shape: absent, empty and "NA" all mean none. */
export const PlainText = z.string({ error: "must be a string" }).nullish();
export const textOrNull = (v: string | null | undefined): string | null => {
  const text = v?.trim() ?? "";
  return text === "" || text === "NA" ? null : text;
};

/** A time in any of the accepted notations, as epoch milliseconds UTC. */
export const EventTime = z.string({ error: missingOr("a string") }).transform((value, ctx) => {
  const ms = parseEventTime(value);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `is not a valid time (${JSON.stringify(value)})` });
    return z.NEVER;
  }
  return ms;
});

export const OptionalMilliseconds = OptionalTokenCount;

/*
 * The same checks without zod, for the reading thread's fast paths (shapes/*): each accepts what
 * its schema above accepts and returns the same value, or returns null (false) for anything else,
 * which then goes through the schema to be worded. Zod copies every object it parses and makes a
 * record per field it checks: two thirds of what that thread allocated, a sixth of its time.
 */
export const requiredTextIn = (v: unknown): string | null => {
  const text = typeof v === "string" ? v.trim() : "";
  return text === "" ? null : text;
};
export const eventTimeIn = (v: unknown): number | null => (typeof v === "string" ? parseEventTime(v) : null);
export const isOptionalText = (v: unknown): v is string | number | null | undefined =>
  v === undefined || v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
export const tokenCountIn = (v: unknown): number | null => {
  const n = typeof v === "number" || typeof v === "string" ? tokenCountOf(v) : null;
  return typeof n === "number" ? n : null;
};
export const optionalTokenCountIn = (v: unknown): number | undefined | null => (v === undefined ? undefined : tokenCountIn(v));
export const isNumericTokenCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TOKENS;
export const isPlainText = (v: unknown): v is string | null | undefined => v === undefined || v === null || typeof v === "string";
