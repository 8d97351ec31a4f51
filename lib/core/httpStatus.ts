import type { ErrorCode } from "./errors";

/** The one place an error code becomes an HTTP status (the Next.js routes and the intake listener). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
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
