import { CommanderError } from "commander";
import { type ErrorCode, Unavailable, UserError, UserErrors } from "@/lib/core/errors";
import { storeFailure } from "@/lib/store/storeFailure";

/** A mistake in what was asked (bad input, a state that forbids it): fix it and run again. */
export const EXIT_USER_ERROR = 1;
/** Options commander refused (unknown option, bad choice); it has printed the usage already. */
export const EXIT_USAGE = 2;
/** The command ran, and what it checked failed (`doctor`, `completeness`, `apps sync`): a script can act on it. */
export const EXIT_CHECK_FAILED = 3;
/** A bug (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** The one place an error code becomes an exit code; a store failure carries its own (74 or 75, sysexits). */
const EXIT: Record<ErrorCode, number> = {
  invalid_input: EXIT_USER_ERROR,
  unauthenticated: EXIT_USER_ERROR,
  forbidden: EXIT_USER_ERROR,
  not_found: EXIT_USER_ERROR,
  conflict: EXIT_USER_ERROR,
  idempotency_key_reused: EXIT_USER_ERROR,
  too_large: EXIT_USER_ERROR,
  length_required: EXIT_USER_ERROR,
  unsupported_media_type: EXIT_USER_ERROR,
  too_slow: EXIT_USER_ERROR,
  too_many_requests: EXIT_USER_ERROR,
  unavailable: 75, // sysexits EX_TEMPFAIL: try again later
};

/** What a failed command prints (one line per problem, no stack trace) and the code it exits with. */
export function failureOf(error: unknown): { lines: string[]; exitCode: number } {
  // Commander has already printed its message; help and version are not failures.
  if (error instanceof CommanderError) return { lines: [], exitCode: error.exitCode === 0 ? 0 : EXIT_USAGE };
  // Several independent mistakes (e.g. settings) are a line each.
  if (error instanceof UserError) return { lines: error instanceof UserErrors ? error.problems : [error.message], exitCode: EXIT[error.code] };
  const failure = storeFailure(error);
  if (failure) return { lines: [failure.message], exitCode: failure.exitCode };
  if (error instanceof Unavailable) return { lines: [error.message], exitCode: EXIT[error.code] };
  return { lines: [`internal error: ${(error as Error)?.message ?? error}`], exitCode: EXIT_INTERNAL };
}
