import { NextResponse } from "next/server";
import { type ErrorCode, Unavailable, UserError } from "@/lib/core/errors";
import { storeFailure } from "@/lib/store/storeFailure";

/** The one place an error code becomes an HTTP status. */
const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  too_slow: 408,
  conflict: 409,
  too_large: 413,
  length_required: 411,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  unavailable: 503,
};

/**
 * Every error answer of the API has one shape: `{ error, code }`, where `error` is the sentence for
 * people (what is wrong and what to do) and `code` is for programs. Never cached.
 */
export function errorResponse(code: ErrorCode, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: message, code }, { status: STATUS[code], headers: { "cache-control": "no-store", ...headers } });
}

/** The answer for a thrown error, or null for a bug (which the route lets through, to be logged as a 500). */
export function responseForError(error: unknown): NextResponse | null {
  if (error instanceof UserError) return errorResponse(error.code, error.message, error.headers);
  const unavailable = error instanceof Unavailable ? error : storeFailure(error);
  return unavailable ? errorResponse(unavailable.code, unavailable.message) : null;
}
