import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { loadWebConfig, type WebConfig } from "@/lib/config/webConfig";
import { getSharedStore } from "@/lib/store";
import { resolveCaller, type Caller } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import { sessionCookieName } from "@/lib/auth/session";
import { beginSession, endSession as revokeSession, resumeSession } from "@/lib/auth/sessions";
let config: WebConfig | undefined;

export function webConfig(): WebConfig {
  config ??= loadWebConfig();
  return config;
}

/**
 * Who is calling, from a live server-side session (lib/auth/sessions.ts), with what they own
 * looked up now: taking a business unit away from someone takes effect on their next request.
 */
export async function currentCaller(): Promise<Caller | null> {
  const jar = await cookies();
  const { sessionSecret, localSignIn, secureCookies } = webConfig();
  const store = getSharedStore();
  const session = await resumeSession(store, jar.get(sessionCookieName(secureCookies))?.value, sessionSecret);
  // A persona's session is worth nothing once persona sign-in is off.
  if (!session || (session.principal.method === "local" && !localSignIn)) return null;
  return resolveCaller(session.principal, await store.listBusinessUnitOwners());
}

/** For pages: the caller, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireCaller(returnTo: string): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return caller;
}

export async function startSession(principal: Principal): Promise<void> {
  const { sessionSecret, secureCookies } = webConfig();
  const { token, maxAgeSeconds } = await beginSession(getSharedStore(), principal, sessionSecret);
  (await cookies()).set(sessionCookieName(secureCookies), token, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: maxAgeSeconds });
}

/** Revokes the session server-side, then drops the cookie. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const { sessionSecret, secureCookies } = webConfig();
  const name = sessionCookieName(secureCookies);
  await revokeSession(getSharedStore(), jar.get(name)?.value, sessionSecret);
  jar.delete(name);
}
