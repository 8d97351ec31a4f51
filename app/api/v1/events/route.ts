import { type NextRequest, NextResponse } from "next/server";
import { gatewaySender } from "../../../_server/gatewaySender";
import { observeRoute } from "../../../_server/observeRoute";
import { IdempotencyKeyReused } from "../../../../lib/core/errors";
import { parseEventLine } from "../../../../lib/events/parseEventLine";
import { acceptEvents, type Sender } from "../../../../lib/intake/acceptEvents";
import { intakeFormat, intakeLines } from "../../../../lib/intake/intakeBody";
import { INTAKE_BODY_LIMITS, readBodyWithin } from "../../../../lib/intake/readBody";
import { senderSlots } from "../../../../lib/intake/senderSlots";
import { loadPricer } from "../../../../lib/pricing/loadPricer";
import type { UsagePricer } from "../../../../lib/pricing/priceUsage";
import { getSharedStore } from "../../../../lib/store";

export const dynamic = "force-dynamic";

const { maxBytes: MAX_BODY_BYTES, withinMs } = INTAKE_BODY_LIMITS;
// A gateway sends batches one or two at a time; more at once from one sender is a runaway client.
const SLOTS_PER_SENDER = 4;
const slots = senderSlots(SLOTS_PER_SENDER);
const PRICER_TTL_MS = 60_000;
let pricer: { at: number; value: Promise<UsagePricer> } | undefined;

const refuse = (status: number, error: string, headers: Record<string, string> = {}) => NextResponse.json({ error }, { status, headers });

/** HTTP intake for gateways without Event Hubs: the same pipeline and summary as `chargeback ingest`. */
export const POST = observeRoute("/api/v1/events", receive);

async function receive(request: NextRequest) {
  // Nothing of the body is read until the sender is known and its size allowed (proxy.ts leaves
  // this path alone, so Next.js buffers nothing before this handler either).
  const sender = /^bearer \S/i.test(request.headers.get("authorization") ?? "") ? await gatewaySender(request) : null;
  if (!sender) {
    return refuse(
      401,
      "send an ingest key (Authorization: Bearer cbk_…, from `chargeback ingest-keys create <source>`) or an Entra ID token with the Chargeback.Ingest role",
      {
        "www-authenticate": 'Bearer realm="chargeback-intake"',
      },
    );
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuse(413, `the body is over ${MAX_BODY_BYTES} bytes; send smaller batches`);
  const format = intakeFormat(request.headers.get("content-type"));
  if (!format) return refuse(415, "Content-Type must be application/json (an event or an array of events) or application/x-ndjson");
  const free = slots.take(sender.id);
  if (!free) return refuse(429, `this sender already has ${SLOTS_PER_SENDER} requests in progress; wait for one to finish`, { "retry-after": "1" });
  try {
    return await intake(request, sender, format);
  } finally {
    free();
  }
}

async function intake(request: NextRequest, sender: Sender & { onlyApp?: string }, format: NonNullable<ReturnType<typeof intakeFormat>>) {
  const body = await readBodyWithin(request.body);
  if ("refused" in body) {
    return body.refused === "too-large"
      ? refuse(413, `the body is over ${MAX_BODY_BYTES} bytes; send smaller batches`)
      : refuse(408, `the body did not arrive within ${withinMs / 1000} s; send smaller batches or check the connection`);
  }
  const parsed = intakeLines(body.text, format);
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
