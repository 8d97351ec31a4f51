import { type NextRequest, NextResponse } from "next/server";

/**
 * A fresh script nonce per request: Next.js reads it from the request's policy and puts it on its
 * own scripts, so only they run. Inline styles stay allowed (charts and bars set widths inline).
 */
export function proxy(request: NextRequest) {
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
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// The health probes (/api/health/*) are left out: the platform calls them without a session or an
// Origin, and they must answer even when the sign-in settings are wrong.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.svg|api/health/).*)" }],
};
