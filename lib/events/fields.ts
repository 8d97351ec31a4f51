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
  .transform((v) => {
    const text = v === null || v === undefined ? "" : String(v).trim();
    return text === "" || text === "NA" ? null : text;
  });

// No single call comes near a billion tokens; larger counts are corrupt and would skew totals.
const MAX_TOKENS = 1_000_000_000;
const WHOLE = /^\s*-?\d+(\.\d+)?\s*$/;

/** Token counts arrive as numbers or as strings of digits; both must be whole and non-negative. */
export const TokenCount = z.union([z.number(), z.string()], { error: missingOr("a number") }).transform((value, ctx) => {
  const n = typeof value === "number" ? value : WHOLE.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", message: `is not a number (${JSON.stringify(value)})` });
  else if (n < 0) ctx.addIssue({ code: "custom", message: `is negative (${n})` });
  else if (!Number.isInteger(n)) ctx.addIssue({ code: "custom", message: `is not a whole number (${n})` });
  else if (n > MAX_TOKENS) ctx.addIssue({ code: "custom", message: `is implausibly large (${n})` });
  else return n;
  return z.NEVER;
});

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
