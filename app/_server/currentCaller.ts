import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { loadWebConfig, type WebConfig } from "../../lib/config/webConfig";
import { getSharedStore } from "../../lib/store";
import { resolveCaller, type Caller } from "../../lib/auth/access";
import { Principal } from "../../lib/auth/principal";
import { seal, SESSION_COOKIE, SESSION_TTL_SECONDS, unseal } from "../../lib/auth/session";

const SESSION = "session";
let config: WebConfig | undefined;

export function webConfig(): WebConfig {
  config ??= loadWebConfig();
  return config;
}

/**
 * Who is calling, from the session cookie, with what they own looked up now: taking a business
 * unit away from someone takes effect on their next request, not when their session ends.
 */
export async function currentCaller(): Promise<Caller | null> {
  const jar = await cookies();
  const { sessionSecret, localSignIn } = webConfig();
  const principal = await unseal(jar.get(SESSION_COOKIE)?.value, sessionSecret, SESSION, Principal);
  // A persona's session is worth nothing once persona sign-in is off.
  if (!principal || (principal.method === "local" && !localSignIn)) return null;
  return resolveCaller(principal, await getSharedStore().listBusinessUnitOwners());
}

/** For pages: the caller, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireCaller(returnTo: string): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return caller;
}

export async function startSession(principal: Principal): Promise<void> {
  const { sessionSecret, secureCookies } = webConfig();
  const ttl = SESSION_TTL_SECONDS[principal.method];
  const value = await seal(principal, sessionSecret, SESSION, ttl);
  (await cookies()).set(SESSION_COOKIE, value, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: ttl });
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
