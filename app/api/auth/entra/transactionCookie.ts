import "server-only";
import { cookies } from "next/headers";
import { webConfig } from "@/app/_server/currentCaller";
import { SignInTransaction } from "@/lib/auth/entraSignIn";
import { seal, unseal } from "@/lib/auth/session";

// Over HTTPS `__Host-` (browsers then insist on Secure and path `/`, and no sibling domain can set it).
const cookieName = (secure: boolean) => (secure ? "__Host-chargeback_signin" : "chargeback_signin");
const PURPOSE = "entra-sign-in";
const TTL_SECONDS = 10 * 60;

/** Keeps PKCE verifier, state, nonce and where to return, sealed, for the round trip to Entra ID. */
export async function keepTransaction(transaction: SignInTransaction): Promise<void> {
  const { sessionSecret, secureCookies } = webConfig();
  const value = await seal(transaction, sessionSecret, PURPOSE, TTL_SECONDS);
  (await cookies()).set(cookieName(secureCookies), value, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: TTL_SECONDS });
}

/** The transaction, used once: it is deleted whatever happens next. */
export async function takeTransaction(): Promise<SignInTransaction | null> {
  const jar = await cookies();
  const { sessionSecret, secureCookies } = webConfig();
  const value = jar.get(cookieName(secureCookies))?.value;
  jar.delete({ name: cookieName(secureCookies), path: "/" });
  return unseal(value, sessionSecret, PURPOSE, SignInTransaction);
}
