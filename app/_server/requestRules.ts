import type { ErrorCode } from "@/lib/core/errors";
/**
 * What proxy.ts refuses before any page, route or Server Action reads a request. Pure (headers
 * in, a refusal out), so every rule has a unit test; no Next.js or store imports.
 */
export type RequestSettings = { publicOrigin: string | null; trustForwarded: boolean };
/** A refusal in the API's one error shape (app/_server/errorResponse.ts), with its status. */
export type Refusal = { status: 403 | 411 | 413; code: Extract<ErrorCode, "forbidden" | "length_required" | "too_large">; error: string };

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const MB = 1024 * 1024;
/** Largest body per path for a request that changes something: Server Actions are posted to their page's path. */
export const BODY_CAPS: { path: string; maxBytes: number; why: string }[] = [
  { path: "/admin/mappings", maxBytes: 5 * MB + 64 * 1024, why: "a mapping file of up to 5 MB" },
  { path: "/reconciliation", maxBytes: 5 * MB + 64 * 1024, why: "a cost export of up to 5 MB (gzip'd CSV is smaller)" },
];
/** Every other form (owners, split rules, month close, sign-in and out) is a few kilobytes. */
export const DEFAULT_BODY_CAP = 1 * MB;

export const bodyCapFor = (pathname: string) => BODY_CAPS.find((c) => pathname === c.path)?.maxBytes ?? DEFAULT_BODY_CAP;

const first = (value: string | null) => value?.split(",")[0]?.trim() || null;

/**
 * The origin this request was addressed to: the public URL when configured; otherwise the Host
 * (and scheme) the client used, read from X-Forwarded-* only when a trusted proxy sent them.
 */
export function expectedOrigin(headers: Headers, settings: RequestSettings): string | null {
  if (settings.publicOrigin) return settings.publicOrigin;
  const host = (settings.trustForwarded ? first(headers.get("x-forwarded-host")) : null) ?? headers.get("host");
  const scheme = (settings.trustForwarded ? first(headers.get("x-forwarded-proto")) : null) ?? "http";
  return host ? `${scheme}://${host}`.toLowerCase() : null;
}

export function refusalOf(method: string, pathname: string, headers: Headers, settings: RequestSettings): Refusal | null {
  if (READS.has(method.toUpperCase())) return null;
  // Size first, from what the client declared, so nothing of an oversized body is waited for.
  const length = headers.get("content-length");
  if (length === null && headers.has("transfer-encoding")) return { status: 411, code: "length_required", error: "send the request with a Content-Length" };
  const cap = bodyCapFor(pathname);
  if (Number(length ?? 0) > cap) return { status: 413, code: "too_large", error: `the request body is over ${cap} bytes, the most this address takes` };
  // CSRF: a request that changes something must come from this site's own pages.
  const origin = headers.get("origin");
  if (!origin)
    return {
      status: 403,
      code: "forbidden",
      error: "refused: a request that changes something must say where it comes from (Origin header); use this site's own pages",
    };
  const expected = expectedOrigin(headers, settings);
  if (!expected || origin.toLowerCase() !== expected) {
    return {
      status: 403,
      code: "forbidden",
      error: `refused: this request came from ${origin}, not from this site (${expected ?? "unknown"}); use this site's own pages`,
    };
  }
  return null;
}
