import { type NextRequest, NextResponse } from "next/server";
import { expectedOrigin, refusalOf } from "./app/_server/requestRules";
import { loadWebConfig, type WebConfig } from "./lib/config/webConfig";

let settings: WebConfig | undefined;
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * Runs before every page, route and Server Action but the intake (see `config`): refuses oversized
 * bodies and cross-site requests with a clear 403/411/413 before anything reads them, and gives
 * each page a fresh script nonce: Next.js reads it from the request's policy and puts it on its
 * own scripts, so only they run. Inline styles stay allowed (charts and bars set widths inline).
 */
export function proxy(request: NextRequest) {
  const config = (settings ??= loadWebConfig());
  const refusal = refusalOf(request.method, request.nextUrl.pathname, request.headers, config);
  // The API's one error body, `{ error, code }` (app/_server/errorResponse.ts), without its imports: the proxy stays small.
  if (refusal) return NextResponse.json({ error: refusal.error, code: refusal.code }, { status: refusal.status, headers: { "cache-control": "no-store" } });

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  // Next.js checks a Server Action's Origin against X-Forwarded-Host: give it the host checked
  // above, never one a client made up.
  if (!config.trustForwarded) for (const name of FORWARDED) headers.delete(name);
  const origin = expectedOrigin(request.headers, config);
  if (origin) headers.set("x-forwarded-host", new URL(origin).host);
  headers.set("x-nonce", nonce);
  // Layouts see no URL: the root layout shows the stale-data banner on report pages only, and the
  // pages' gates (app/_server/gatePage.ts) send the signed-out back here after sign-in.
  headers.set("x-return-to", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (config.publicOrigin?.startsWith("https:")) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

// Left out: the intake (/api/v1/events), because Next.js reads a body into memory before running
// the proxy on it and the intake must refuse an unauthenticated or oversized upload without reading
// it; the health probes (/api/health/*), which the platform calls without a session or an Origin
// and which must answer even when the sign-in settings are wrong.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.svg|api/v1/events|api/health/).*)" }],
};
