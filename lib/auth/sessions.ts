import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { UsageStore } from "../store/port";
import { Principal } from "./principal";
import { seal, SESSION_TTL_SECONDS, unseal } from "./session";

const PURPOSE = "session";
/** A session nobody used for 30 minutes is over. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** How often a request in use writes `lastSeenAt`: the idle timeout needs minutes, not every request. */
const SEEN_EVERY_MS = 60_000;

/** What the cookie holds: the session's id (looked up on every request) and who signed in. */
const SessionCookie = z.object({ sid: z.string().min(20), principal: Principal });

/** Starts a session server-side and seals its cookie; `maxAgeSeconds` is the cookie's lifetime. */
export async function beginSession(store: UsageStore, principal: Principal, secret: string, at = Date.now()) {
  const sid = randomBytes(24).toString("base64url");
  await store.saveSession({ id: sid, principalId: principal.id, groups: principal.groups, startedAt: at, lastSeenAt: at, revokedAt: null });
  const maxAgeSeconds = SESSION_TTL_SECONDS[principal.method];
  return { token: await seal({ sid, principal }, secret, PURPOSE, maxAgeSeconds), maxAgeSeconds };
}

/**
 * Who a session cookie belongs to, or null when it is not a live session: unreadable, without a
 * session id, older than its method's lifetime (whatever expiry it was sealed with), signed out
 * or revoked, or idle for IDLE_TIMEOUT_MS. Session times are real time (`Date.now()`), never the
 * product's pinned clock.
 */
export async function resumeSession(store: UsageStore, token: string | undefined, secret: string, at = Date.now()) {
  const longest = Math.max(...Object.values(SESSION_TTL_SECONDS));
  const cookie = await unseal(token, secret, PURPOSE, SessionCookie, { maxAgeSeconds: longest, at });
  if (!cookie) return null;
  const session = await store.findSession(cookie.sid);
  if (!session || session.revokedAt !== null || session.principalId !== cookie.principal.id) return null;
  if (at - session.startedAt > SESSION_TTL_SECONDS[cookie.principal.method] * 1000 || at - session.lastSeenAt > IDLE_TIMEOUT_MS) return null;
  if (at - session.lastSeenAt > SEEN_EVERY_MS) await store.saveSession({ ...session, lastSeenAt: at });
  return { sessionId: cookie.sid, principal: cookie.principal };
}

/** Signing out: the session is revoked, so its cookie opens nothing even if it was copied. */
export async function endSession(store: UsageStore, token: string | undefined, secret: string, at = Date.now()): Promise<void> {
  const cookie = await unseal(token, secret, PURPOSE, SessionCookie);
  if (cookie) await store.revokeSessions({ sessionId: cookie.sid }, at);
}
