import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { z } from "zod";

export const SESSION_COOKIE = "chargeback_session";
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

/** The sealed value, or null when it is missing, tampered with, expired, sealed for another purpose or malformed. */
export async function unseal<T>(token: string | undefined, secret: string, purpose: string, schema: z.ZodType<T>): Promise<T | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret, purpose));
    const parsed = schema.safeParse(payload.v);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
