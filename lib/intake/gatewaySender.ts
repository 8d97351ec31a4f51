import type { WebConfig } from "../config/webConfig";
import type { UsageStore } from "../store/port";
import type { Sender } from "./acceptEvents";
import { verifyIngestToken } from "./entraIngestToken";
import { parseIngestToken, secretMatches } from "./ingestKey";

export type GatewaySender = Sender & { onlyApp?: string };

/**
 * A gateway or app calling with ingest credentials (the Authorization header): an ingest key, or
 * an Entra ID access token for the intake's audience with the Chargeback.Ingest role. A signed-in
 * user's session cookie is ignored. `onlyApp`: an app that is not a listed gateway speaks only for itself.
 */
export async function gatewaySender(
  authorization: string | null,
  store: Pick<UsageStore, "findIngestKey">,
  config: Pick<WebConfig, "entra" | "ingestAudience" | "ingestGateways">,
): Promise<GatewaySender | null> {
  const [scheme, token] = (authorization ?? "").split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) return null;
  const parsed = parseIngestToken(token);
  if (parsed) {
    const key = await store.findIngestKey(parsed.id);
    return key && secretMatches(key, parsed.secret) ? key : null;
  }
  const { entra, ingestAudience, ingestGateways } = config;
  const verified = entra && ingestAudience ? await verifyIngestToken(token, entra, ingestAudience) : null;
  if (!verified) return null;
  // A gateway reports every app's usage; any other app may report only its own.
  return ingestGateways.includes(verified.client.toLowerCase()) ? verified : { ...verified, onlyApp: verified.client };
}
