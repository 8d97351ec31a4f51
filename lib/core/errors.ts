/** A mistake the user can fix: shown as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
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
  constructor(key: string) {
    super(`Idempotency-Key ${key} was used for a different body; send a new key with each new batch, and the same key only to retry the same body`);
    this.name = "IdempotencyKeyReused";
  }
}
