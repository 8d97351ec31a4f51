import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { z } from "zod";

export const SESSION_COOKIE = "chargeback_session";
/** Over HTTPS the cookie is `__Host-`: browsers then take it only Secure, for this host and path `/`, never set by a sibling domain. */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
/**
 * An Entra ID session lasts an hour, so a role taken away in Entra ID ends within one: signing in
 * again is a redirect through the tenant's own session. A workstation persona's lasts a day's work.
 */
export const SESSION_TTL_SECONDS = { entra: 60 * 60, local: 8 * 60 * 60 } as const;

/** One key per purpose, so a sealed sign-in transaction can never pass for a session. */
function keyFor(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "chargeback", purpose, 32));
}

/** Encrypts and authenticates a value (JWE, dir + A256GCM) that expires after `ttlSeconds`. */
export async function seal(value: Record<string, unknown>, secret: string, purpose: string, ttlSeconds: number): Promise<string> {
  return new EncryptJWT({ v: value })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(keyFor(secret, purpose));
}

/**
 * The sealed value, or null when it is missing, tampered with, expired, sealed for another purpose
 * or malformed. With `maxAgeSeconds`, also when it was sealed longer ago than that (at `at`, epoch
 * ms) or to live longer, whatever expiry it carries.
 */
export async function unseal<T>(
  token: string | undefined,
  secret: string,
  purpose: string,
  schema: z.ZodType<T>,
  limit?: { maxAgeSeconds: number; at: number },
): Promise<T | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret, purpose));
    if (limit) {
      const { iat, exp } = payload;
      if (iat === undefined || exp === undefined || exp - iat > limit.maxAgeSeconds || limit.at / 1000 - iat > limit.maxAgeSeconds) return null;
    }
    const parsed = schema.safeParse(payload.v);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
