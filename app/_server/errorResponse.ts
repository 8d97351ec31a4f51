import { NextResponse } from "next/server";
import { type ErrorCode, Unavailable, UserError } from "@/lib/core/errors";
import { HTTP_STATUS } from "@/lib/core/httpStatus";
import { storeFailure } from "@/lib/store/storeFailure";

/**
 * Every error answer of the API has one shape: `{ error, code }`, where `error` is the sentence for
 * people (what is wrong and what to do) and `code` is for programs. Never cached.
 */
export function errorResponse(code: ErrorCode, message: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error: message, code }, { status: HTTP_STATUS[code], headers: { "cache-control": "no-store", ...headers } });
}

/** The answer for a thrown error, or null for a bug (which the route lets through, to be logged as a 500). */
export function responseForError(error: unknown): NextResponse | null {
  if (error instanceof UserError) return errorResponse(error.code, error.message, error.headers);
  const unavailable = error instanceof Unavailable ? error : storeFailure(error);
  return unavailable ? errorResponse(unavailable.code, unavailable.message) : null;
}
