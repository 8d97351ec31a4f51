import type { NextRequest } from "next/server";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { gatewaySender } from "@/app/_server/gatewaySender";
import { Forbidden, TooLarge, TooManyRequests, TooSlow, Unauthenticated, UnsupportedMediaType, UserError } from "@/lib/core/errors";
import { parseEventLine } from "@/lib/events/parseEventLine";
import { acceptEvents, type Sender } from "@/lib/intake/acceptEvents";
import { type IntakeFormat, intakeFormat, intakeLines } from "@/lib/intake/intakeBody";
import { type BodyRead, INTAKE_BODY_LIMITS, readBodyWithin } from "@/lib/intake/readBody";
import { senderSlots } from "@/lib/intake/senderSlots";
import { pricerCache } from "@/lib/pricing/pricerCache";
import type { UsagePricer } from "@/lib/pricing/priceUsage";
import { getSharedStore } from "@/lib/store";

export const dynamic = "force-dynamic";

const { maxBytes: MAX_BODY_BYTES, withinMs } = INTAKE_BODY_LIMITS;
// Uploads of one sender at once: a gateway sends one or two; more is a runaway or trickling client.
const SLOTS_PER_SENDER = 4;
const slots = senderSlots(SLOTS_PER_SENDER);
// Made on the first request, not at import: the store is opened only when the app serves.
let pricer: (() => Promise<UsagePricer>) | undefined;

const tooLarge = () => new TooLarge(`the body is over ${MAX_BODY_BYTES} bytes; send smaller batches`);

/** HTTP intake for gateways without Event Hubs: the same pipeline and summary as `chargeback ingest`. */
export const POST = defineRoute({ access: "anyone", observe: "/api/v1/events", handle: ({ request }) => receive(request) });

async function receive(request: NextRequest) {
  // Nothing of the body is read until the sender is known and its size allowed (proxy.ts leaves
  // this path alone, so Next.js buffers nothing before this handler either).
  const sender = /^bearer \S/i.test(request.headers.get("authorization") ?? "") ? await gatewaySender(request) : null;
  if (!sender) {
    throw new Unauthenticated(
      "send an ingest key (Authorization: Bearer cbk_…, from `chargeback ingest-keys create <source>`) or an Entra ID token with the Chargeback.Ingest role",
      { "www-authenticate": 'Bearer realm="chargeback-intake"' },
    );
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const format = intakeFormat(request.headers.get("content-type"));
  if (!format) throw new UnsupportedMediaType("Content-Type must be application/json (an event or an array of events) or application/x-ndjson");
  // The slot guards the upload: a body still arriving holds one; once read, the request waits
  // on the group commit with every other sender's and no longer occupies the connection budget.
  const free = slots.take(sender.id);
  if (!free) throw new TooManyRequests(`this sender already has ${SLOTS_PER_SENDER} uploads in progress; wait for one to finish`, { "retry-after": "1" });
  let body: BodyRead;
  try {
    body = await readBodyWithin(request.body);
  } finally {
    free();
  }
  return intake(request, sender, format, body);
}

async function intake(request: NextRequest, sender: Sender & { onlyApp?: string }, format: IntakeFormat, body: BodyRead) {
  if ("refused" in body) {
    if (body.refused === "too-large") throw tooLarge();
    throw new TooSlow(`the body did not arrive within ${withinMs / 1000} s; send smaller batches or check the connection`);
  }
  const parsed = intakeLines(body.text, format);
  if ("error" in parsed) throw new UserError(parsed.error);
  const onlyApp = sender.onlyApp?.toLowerCase();
  if (onlyApp) {
    const foreign = parsed.lines.map(parseEventLine).find((e) => e.ok && e.event.appId.toLowerCase() !== onlyApp);
    if (foreign?.ok) throw new Forbidden(`this client may report only its own usage (appId ${sender.onlyApp}), not ${foreign.event.appId}'s`);
  }
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && !/^[\w.:-]{1,128}$/.test(idempotencyKey)) throw new UserError("Idempotency-Key must be 1-128 letters, digits or . _ : -");

  const store = getSharedStore();
  pricer ??= pricerCache(store);
  // A reused Idempotency-Key is thrown as its own error: 422 (app/_server/errorResponse.ts).
  return jsonResponse(await acceptEvents(store, await pricer(), sender, parsed.lines, idempotencyKey));
}
