import { now as clockNow } from "../core/clock";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { itemAt } from "../core/arrays";

/** A stored ingest key: the secret itself is shown once, at creation, and never kept. */
export type IngestKey = { id: string; source: string; secretHash: string; createdAt: number; revokedAt: number | null };

export const IngestSource = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, dots, dashes or underscores, e.g. apim-westeurope");

const PREFIX = "cbk";
const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function newIngestKey(source: string, now = clockNow()): { key: IngestKey; token: string } {
  const id = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { key: { id, source: IngestSource.parse(source), secretHash: hashOf(secret), createdAt: now, revokedAt: null }, token: `${PREFIX}_${id}_${secret}` };
}

/** Splits a presented token into the key id to look up and the secret to check. */
export function parseIngestToken(token: string): { id: string; secret: string } | null {
  const match = /^cbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: itemAt(match, 1), secret: itemAt(match, 2) } : null;
}

/** True when the secret is the key's and the key is not revoked; compares in constant time. */
export function secretMatches(key: IngestKey, secret: string): boolean {
  if (key.revokedAt !== null) return false;
  return timingSafeEqual(Buffer.from(hashOf(secret), "hex"), Buffer.from(key.secretHash, "hex"));
}
