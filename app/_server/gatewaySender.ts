import "server-only";
import type { NextRequest } from "next/server";
import type { Sender } from "@/lib/intake/acceptEvents";
import { verifyIngestToken } from "@/lib/intake/entraIngestToken";
import { parseIngestToken, secretMatches } from "@/lib/intake/ingestKey";
import { getSharedStore } from "@/lib/store";
import { webConfig } from "./currentCaller";

/**
 * A gateway or app calling with ingest credentials: an ingest key, or an Entra ID access token for
 * the intake's audience with the Chargeback.Ingest role. A signed-in user's session cookie is
 * ignored. `onlyApp`: an app that is not a listed gateway speaks only for itself.
 */
export async function gatewaySender(request: NextRequest): Promise<(Sender & { onlyApp?: string }) | null> {
  const [scheme, token] = (request.headers.get("authorization") ?? "").split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !token) return null;
  const parsed = parseIngestToken(token);
  if (parsed) {
    const key = await getSharedStore().findIngestKey(parsed.id);
    return key && secretMatches(key, parsed.secret) ? key : null;
  }
  const { entra, ingestAudience, ingestGateways } = webConfig();
  const verified = entra && ingestAudience ? await verifyIngestToken(token, entra, ingestAudience) : null;
  if (!verified) return null;
  // A gateway reports every app's usage; any other app may report only its own.
  return ingestGateways.includes(verified.client.toLowerCase()) ? verified : { ...verified, onlyApp: verified.client };
}
