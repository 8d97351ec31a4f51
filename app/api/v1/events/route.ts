import { type NextRequest, NextResponse } from "next/server";
import { webConfig } from "../../../_server/currentCaller";
import { observeRoute } from "../../../_server/observeRoute";
import { IdempotencyKeyReused } from "../../../../lib/core/errors";
import { parseEventLine } from "../../../../lib/events/parseEventLine";
import { acceptEvents, type Sender } from "../../../../lib/intake/acceptEvents";
import { verifyIngestToken } from "../../../../lib/intake/entraIngestToken";
import { intakeFormat, intakeLines } from "../../../../lib/intake/intakeBody";
import { parseIngestToken, secretMatches } from "../../../../lib/intake/ingestKey";
import { loadPricer } from "../../../../lib/pricing/loadPricer";
import type { UsagePricer } from "../../../../lib/pricing/priceUsage";
import { getSharedStore } from "../../../../lib/store";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const PRICER_TTL_MS = 60_000;
let pricer: { at: number; value: Promise<UsagePricer> } | undefined;

const refuse = (status: number, error: string, headers: Record<string, string> = {}) => NextResponse.json({ error }, { status, headers });

/**
 * Only ingest credentials open this endpoint: an ingest key, or an Entra ID access token for the
 * intake's audience with the Chargeback.Ingest role. A signed-in user's session cookie is ignored.
 */
async function senderOf(request: NextRequest): Promise<(Sender & { onlyApp?: string }) | null> {
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

/** The body as text, or null once it passes the limit (whatever Content-Length claimed). */
async function readLimited(request: NextRequest): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES || !request.body) return request.body ? null : "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** HTTP intake for gateways without Event Hubs: the same pipeline and summary as `chargeback ingest`. */
export const POST = observeRoute("/api/v1/events", intake);

async function intake(request: NextRequest) {
  const sender = await senderOf(request);
  if (!sender) {
    return refuse(
      401,
      "send an ingest key (Authorization: Bearer cbk_…, from `chargeback ingest-keys create <source>`) or an Entra ID token with the Chargeback.Ingest role",
      {
        "www-authenticate": 'Bearer realm="chargeback-intake"',
      },
    );
  }
  const format = intakeFormat(request.headers.get("content-type"));
  if (!format) return refuse(415, "Content-Type must be application/json (an event or an array of events) or application/x-ndjson");
  const body = await readLimited(request);
  if (body === null) return refuse(413, `the body is over ${MAX_BODY_BYTES} bytes; send smaller batches`);
  const parsed = intakeLines(body, format);
  if ("error" in parsed) return refuse(400, parsed.error);
  if (sender.onlyApp) {
    const foreign = parsed.lines.map(parseEventLine).find((e) => e.ok && e.event.appId.toLowerCase() !== sender.onlyApp!.toLowerCase());
    if (foreign?.ok) return refuse(403, `this client may report only its own usage (appId ${sender.onlyApp}), not ${foreign.event.appId}'s`);
  }
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && !/^[\w.:-]{1,128}$/.test(idempotencyKey)) return refuse(400, "Idempotency-Key must be 1-128 letters, digits or . _ : -");

  const store = getSharedStore();
  if (!pricer || Date.now() - pricer.at > PRICER_TTL_MS) pricer = { at: Date.now(), value: loadPricer(store) };
  try {
    return NextResponse.json(await acceptEvents(store, await pricer.value, sender, parsed.lines, idempotencyKey));
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) return refuse(422, error.message);
    throw error;
  }
}
