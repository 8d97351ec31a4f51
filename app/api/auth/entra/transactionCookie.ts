import "server-only";
import { cookies } from "next/headers";
import { webConfig } from "../../../_server/currentCaller";
import { SignInTransaction } from "../../../../lib/auth/entraSignIn";
import { seal, unseal } from "../../../../lib/auth/session";

const COOKIE = "chargeback_signin";
const PURPOSE = "entra-sign-in";
const TTL_SECONDS = 10 * 60;

/** Keeps PKCE verifier, state, nonce and where to return, sealed, for the round trip to Entra ID. */
export async function keepTransaction(transaction: SignInTransaction): Promise<void> {
  const { sessionSecret, secureCookies } = webConfig();
  const value = await seal(transaction, sessionSecret, PURPOSE, TTL_SECONDS);
  (await cookies()).set(COOKIE, value, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/api/auth/entra", maxAge: TTL_SECONDS });
}

/** The transaction, used once: it is deleted whatever happens next. */
export async function takeTransaction(): Promise<SignInTransaction | null> {
  const jar = await cookies();
  const value = jar.get(COOKIE)?.value;
  jar.delete({ name: COOKIE, path: "/api/auth/entra" });
  return unseal(value, webConfig().sessionSecret, PURPOSE, SignInTransaction);
}
