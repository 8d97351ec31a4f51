import { Forbidden, TooLarge, TooManyRequests, TooSlow, Unauthenticated, UnsupportedMediaType, UserError } from "../core/errors";
import type { WebConfig } from "../config/webConfig";
import { parseEventLine } from "../events/parseEventLine";
import type { IngestSummary } from "../events/processUsageBatch";
import { pricerCache } from "../pricing/pricerCache";
import type { UsageStore } from "../store/port";
import { acceptEvents } from "./acceptEvents";
import { type GatewaySender, gatewaySender } from "./gatewaySender";
import { type IntakeFormat, intakeFormat, intakeLines } from "./intakeBody";
import { type BodyRead, INTAKE_BODY_LIMITS, readBodyWithin } from "./readBody";
import { senderSlots } from "./senderSlots";

/** What the intake reads of a request: its headers and its body, as a web stream. */
export type IntakeRequest = { header: (name: string) => string | null; body: ReadableStream<Uint8Array> | null };

const { maxBytes: MAX_BODY_BYTES, withinMs } = INTAKE_BODY_LIMITS;
// Uploads of one sender at once: a gateway sends one or two; more is a runaway or trickling client.
const SLOTS_PER_SENDER = 4;

const tooLarge = () => new TooLarge(`the body is over ${MAX_BODY_BYTES} bytes; send smaller batches`);

/**
 * POST /api/v1/events, whoever serves it (the web server's own listener, ingest/http/, or the
 * Next.js route under `next dev`): the sender, the body's limits, the sender's slots, then the
 * same pipeline and summary as `chargeback ingest`. Refusals are thrown as UserErrors (their
 * `code` gives the status). One intake per process: the slots and the pricer are its own.
 */
export function eventIntake(store: UsageStore, config: Pick<WebConfig, "entra" | "ingestAudience" | "ingestGateways">) {
  const slots = senderSlots(SLOTS_PER_SENDER);
  const pricer = pricerCache(store);

  async function receive(request: IntakeRequest): Promise<IngestSummary> {
    // Nothing of the body is read until the sender is known and its size allowed.
    const authorization = request.header("authorization");
    const sender = /^bearer \S/i.test(authorization ?? "") ? await gatewaySender(authorization, store, config) : null;
    if (!sender) {
      throw new Unauthenticated(
        "send an ingest key (Authorization: Bearer cbk_…, from `chargeback ingest-keys create <source>`) or an Entra ID token with the Chargeback.Ingest role",
        { "www-authenticate": 'Bearer realm="chargeback-intake"' },
      );
    }
    if (Number(request.header("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
    const format = intakeFormat(request.header("content-type"));
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

  async function intake(request: IntakeRequest, sender: GatewaySender, format: IntakeFormat, body: BodyRead): Promise<IngestSummary> {
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
    const idempotencyKey = request.header("idempotency-key");
    if (idempotencyKey !== null && !/^[\w.:-]{1,128}$/.test(idempotencyKey)) throw new UserError("Idempotency-Key must be 1-128 letters, digits or . _ : -");
    // A reused Idempotency-Key is thrown as its own error: 422.
    return acceptEvents(store, await pricer(), sender, parsed.lines, idempotencyKey);
  }

  return receive;
}
