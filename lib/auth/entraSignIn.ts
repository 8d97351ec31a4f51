import * as oidc from "openid-client";
import { z } from "zod";
import type { EntraConfig } from "../config/webConfig";
import { firstIssue, UserError } from "../core/errors";
import type { Principal } from "./principal";
import { rolesFromClaim } from "./roles";

/** What must survive the round trip to Entra ID: kept sealed in a short-lived cookie. */
export const SignInTransaction = z.object({ verifier: z.string(), state: z.string(), nonce: z.string(), returnTo: z.string() });
export type SignInTransaction = z.infer<typeof SignInTransaction>;

const configurations = new Map<string, Promise<oidc.Configuration>>();

const isLoopback = (url: URL) => url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/** The tenant's OpenID configuration, discovered once per process (retried after a failure). */
function configuration(entra: EntraConfig): Promise<oidc.Configuration> {
  let found = configurations.get(entra.issuer);
  if (!found) {
    const issuer = new URL(entra.issuer);
    // Plain HTTP only for a stand-in on this machine, never for a real authority.
    const execute = isLoopback(issuer) ? [oidc.allowInsecureRequests] : [];
    found = oidc.discovery(issuer, entra.clientId, undefined, oidc.ClientSecretPost(entra.clientSecret), { execute });
    found.catch(() => configurations.delete(entra.issuer));
    configurations.set(entra.issuer, found);
  }
  return found;
}

/** Where to send the browser, and the transaction to keep until it comes back (PKCE, state, nonce). */
export async function beginEntraSignIn(entra: EntraConfig, returnTo: string): Promise<{ url: URL; transaction: SignInTransaction }> {
  const config = await configuration(entra);
  const transaction = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: entra.redirectUri,
    scope: "openid profile",
    response_type: "code",
    response_mode: "query",
    code_challenge: await oidc.calculatePKCECodeChallenge(transaction.verifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url, transaction };
}

/** Entra ID's sign-out page, which comes back to `returnTo` (an absolute URL on this site). */
export async function entraSignOutUrl(entra: EntraConfig, returnTo: string): Promise<URL> {
  return oidc.buildEndSessionUrl(await configuration(entra), { post_logout_redirect_uri: returnTo, client_id: entra.clientId });
}

const Claims = z.object({
  oid: z.string().min(1, "has no oid"),
  tid: z.string(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  roles: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  _claim_names: z.record(z.string(), z.string()).optional(),
});

/**
 * Redeems the code (checking state, nonce, PKCE and the ID token's signature, issuer, audience and
 * lifetime) and returns who signed in, with their app roles and group ids.
 */
export async function completeEntraSignIn(entra: EntraConfig, callbackUrl: URL, transaction: SignInTransaction): Promise<Principal> {
  const config = await configuration(entra);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: transaction.verifier,
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    idTokenExpected: true,
  });
  const claims = Claims.safeParse(tokens.claims());
  if (!claims.success) throw new UserError(`Entra ID returned an ID token without the claims Chargeback needs: ${firstIssue(claims.error).message}`);
  const c = claims.data;
  if (c.tid.toLowerCase() !== entra.tenantId) throw new UserError("that account belongs to another Entra ID tenant");
  if (c._claim_names?.groups) {
    // Over 200 groups, Entra ID sends a Graph link instead of the ids; owning through a group then needs "groups assigned to the application".
    console.warn(`sign-in: ${c.oid} is in too many groups for the token; configure the app registration to emit only groups assigned to the application`);
  }
  return {
    id: c.oid.toLowerCase(),
    name: c.name ?? c.preferred_username ?? c.oid,
    roles: rolesFromClaim(c.roles),
    groups: (c.groups ?? []).map((g) => g.toLowerCase()),
    method: "entra",
  };
}
