import { unknownCallerAppId } from "./unknownCaller";
import { TOKEN_DETAILS } from "../pricing/billedTokens";
import { createHash } from "node:crypto";
import type { IncomingEvent, IncomingQuarantine } from "../store/port";
import type { UsageEvent } from "./usageEvent";

/**
 * What makes two deliveries of one identity the same event: every fact that is counted, priced,
 * attributed or reported. The shape it arrived in and the warnings derived from it are not.
 */
export const CONTENT_FIELDS = [
  "time",
  "appId",
  "deployment",
  "model",
  "operation",
  "region",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "reasoningTokens",
  "totalTokens",
  "modelTimeMs",
  "status",
  "streamed",
  "subscriptionId",
  "product",
  "tags",
  "endUser",
  "errorCode",
  ...TOKEN_DETAILS,
  "serviceTier",
] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];
export type EventContent = Pick<UsageEvent, ContentField>;

/** The version an identity was counted with: what a store reads back to compare a redelivery against. */
export type CountedVersion = { source: string; receivedAt: number; content: EventContent };

/** A field's value in one canonical form: absent, null and no tags at all are the same; tags in key order. */
function canonical(content: EventContent, field: ContentField): unknown {
  const value = content[field];
  if (field === "tags") {
    const entries = Object.entries((value as Record<string, string> | undefined) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.length === 0 ? null : Object.fromEntries(entries);
  }
  // A token detail of 0 was billed as much as one not reported.
  if ((TOKEN_DETAILS as readonly string[]).includes(field)) return value ? value : null;
  return value ?? null;
}

/** A fingerprint of an event's content, equal for two deliveries exactly when they count the same. */
export function eventDigest(content: EventContent): string {
  return createHash("sha256")
    .update(JSON.stringify(CONTENT_FIELDS.map((f) => canonical(content, f))))
    .digest("base64url")
    .slice(0, 22);
}

const shown = (content: EventContent, field: ContentField) => {
  const value = canonical(content, field);
  return field === "time" ? new Date(value as number).toISOString() : JSON.stringify(value);
};

// What a call used: equal in two versions of a diagnostic call, they are one call however its caller was read.
const USAGE_FIELDS = [
  "deployment",
  "model",
  "operation",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "reasoningTokens",
  "totalTokens",
  ...TOKEN_DETAILS,
  "serviceTier",
] as const;
const UNKNOWN_DIAGNOSTIC_CALLER = unknownCallerAppId("azure-monitor");

/**
 * Whether a delivery is the version already counted. Equal content is. So is a diagnostic call one
 * of whose versions was charged to the unknown caller (its gateway record was read elsewhere, or
 * before a restart) when both used the same: it is the same call, read with less of its records, and
 * neither counting it again nor calling it a conflict would be true. The version counted first stays.
 */
export function sameCall(counted: EventContent, incoming: EventContent): boolean {
  if (eventDigest(counted) === eventDigest(incoming)) return true;
  if (counted.appId !== UNKNOWN_DIAGNOSTIC_CALLER && incoming.appId !== UNKNOWN_DIAGNOSTIC_CALLER) return false;
  return USAGE_FIELDS.every((f) => canonical(counted, f) === canonical(incoming, f));
}

/** This delivery as a chargeback/v1 line: what the quarantine keeps of it, readable and replayable. */
function asChargebackV1({ event: e }: IncomingEvent): string {
  const line: Record<string, unknown> = { schema: "chargeback/v1" };
  if (e.requestId !== null) line.requestId = e.requestId;
  for (const field of CONTENT_FIELDS) {
    const value = canonical(e, field);
    if (value !== null) line[field] = field === "time" ? new Date(value as number).toISOString() : value;
  }
  return JSON.stringify(line);
}

/**
 * The quarantine entry of a delivery whose identity was counted with other content. The counted
 * version stays counted (it may be in a closed month); this one is kept beside it, with both
 * versions' differing fields in the reason, for an admin to settle. Its id names its content, so
 * the same conflicting delivery again is a duplicate and a third version gets an entry of its own.
 */
export function conflictQuarantine(incoming: IncomingEvent, counted: CountedVersion): IncomingQuarantine {
  const differing = CONTENT_FIELDS.filter((f) => shown(counted.content, f) !== shown(incoming.event, f));
  const list = (content: EventContent) => differing.map((f) => `${f} ${shown(content, f)}`).join(", ");
  return {
    id: `conflict:${eventDigest(incoming.event)}:${incoming.id}`,
    source: incoming.source,
    raw: asChargebackV1(incoming),
    reason:
      `conflict: ${incoming.id} was counted first with different content, from ${counted.source} ` +
      `(received ${new Date(counted.receivedAt).toISOString()}): counted ${list(counted.content)}; this one ${list(incoming.event)}`,
  };
}
