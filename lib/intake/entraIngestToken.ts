import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { EntraConfig } from "../config/webConfig";

/** The app role a caller's token must carry to send events (APIM's managed identity, a team's app). */
export const INGEST_ROLE = "Chargeback.Ingest";

const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * The sender of an Entra ID access token for the intake, or null: signature (the tenant's keys),
 * issuer (v1 or v2 tokens of the tenant), audience, lifetime and the Chargeback.Ingest role.
 */
export async function verifyIngestToken(token: string, entra: EntraConfig, audience: string): Promise<{ id: string; source: string; client: string } | null> {
  const authority = new URL(entra.issuer).origin;
  const jwksUri = `${authority}/${entra.tenantId}/discovery/v2.0/keys`;
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri));
    keySets.set(jwksUri, keys);
  }
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: [entra.issuer, `https://sts.windows.net/${entra.tenantId}/`],
      audience,
      algorithms: ["RS256"],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    const client = String(payload.azp ?? payload.appid ?? "");
    // App-only tokens: a user's delegated token (it has scp) never sends usage.
    if (!roles.includes(INGEST_ROLE) || client === "" || payload.scp !== undefined) return null;
    return { id: `entra-${client}`, source: `entra:${client}`, client };
  } catch {
    return null;
  }
}
