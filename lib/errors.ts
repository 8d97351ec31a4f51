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
