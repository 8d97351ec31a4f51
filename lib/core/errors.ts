import type { z } from "zod";

/**
 * What went wrong, as callers tell it apart: each process maps a code once, the web app to an HTTP
 * status (app/_server/errorResponse.ts), the CLI to an exit code (cli/exitCodes.ts).
 */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "idempotency_key_reused"
  | "too_large"
  | "length_required"
  | "unsupported_media_type"
  | "too_slow"
  | "too_many_requests"
  | "unavailable";

/** A mistake the user can fix (bad input unless a subclass says otherwise): shown as one line, never with a stack trace. */
export class UserError extends Error {
  readonly code: ErrorCode = "invalid_input";
  constructor(
    message: string,
    /** Headers an HTTP answer adds (a Retry-After, a WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** No credentials, or none that open this. */
export class Unauthenticated extends UserError {
  override readonly code = "unauthenticated";
}

/** The caller is known but may not do this, or see this business unit. */
export class Forbidden extends UserError {
  override readonly code = "forbidden";
}

/** No such thing, or none the caller may see (the two are not told apart). */
export class NotFound extends UserError {
  override readonly code = "not_found";
}

/** The request is sound but the state does not allow it yet (a month not closed). */
export class Conflict extends UserError {
  override readonly code = "conflict";
}

/** A body over the size limit. */
export class TooLarge extends UserError {
  override readonly code = "too_large";
}

/** A body in a format not read here. */
export class UnsupportedMediaType extends UserError {
  override readonly code = "unsupported_media_type";
}

/** A body that did not arrive in time. */
export class TooSlow extends UserError {
  override readonly code = "too_slow";
}

/** Too many requests of one sender at once. */
export class TooManyRequests extends UserError {
  override readonly code = "too_many_requests";
}

/** A service we depend on failed for a reason outside the program: try again later, not a bug and not the user's mistake. */
export class Unavailable extends Error {
  readonly code: ErrorCode = "unavailable";
}

/** Several mistakes found at once (e.g. bad settings): shown one line each. */
export class UserErrors extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "UserErrors";
  }
}

const MAX_LISTED = 20;

/** Problems found in an import, one a line (the first 20), said as refusing the whole of it. */
export function describe(errors: readonly string[], what: string): string {
  const shown = errors.slice(0, MAX_LISTED).join("\n  ");
  const more = errors.length > MAX_LISTED ? `\n  … and ${errors.length - MAX_LISTED} more` : "";
  return `${errors.length} ${what}${errors.length === 1 ? "" : "s"}, nothing imported:\n  ${shown}${more}`;
}

/** An HTTP intake request reused an Idempotency-Key its sender had sent with a different body. */
export class IdempotencyKeyReused extends UserError {
  override readonly code = "idempotency_key_reused";
  constructor(key: string) {
    super(`Idempotency-Key ${key} was used for a different body; send a new key with each new batch, and the same key only to retry the same body`);
    this.name = "IdempotencyKeyReused";
  }
}

/** The first of zod's issues, for a flag or a form told one problem at a time (a failed parse has at least one). */
export function firstIssue(error: z.ZodError): { path: PropertyKey[]; message: string } {
  const [issue] = error.issues;
  return issue ?? { path: [], message: "is not valid" };
}

/** Zod's issues as one readable line: each as `field: message` (just the message for the whole value). */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
