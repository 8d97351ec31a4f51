import { createHash } from "node:crypto";
import { now as clockNow } from "../core/clock";
import type { UsagePricer } from "../pricing/priceUsage";
import type { IncomingEvent, IncomingQuarantine, UsageBatchResult, UsageStore } from "../store/port";
import { requestIdentity } from "./lineIdentity";
import { BILLED, outcomeOf } from "./callOutcome";
import { timeOutsideWindow } from "./eventTimeWindow";
import { type ParsedLine, parseEventLine } from "./parseEventLine";
import { NOT_UTF8, type Undecodable } from "./strictUtf8";
import { MAX_EVENT_BYTES } from "./usageEvent";
import { utcDay } from "./parseEventTime";
import { retentionHorizon } from "../retention/retention";

/**
 * One raw event as a source delivers it. `id` is the source's own identity for it (hub partition and
 * sequence number); without one, the batch's `identify` names lines that carry no request id.
 * `parsed`: the event already read from the text (a joined diagnostic call), so it is not read twice.
 */
export type SourceLine = ({ text: string; parsed?: ParsedLine } | { undecodable: Undecodable }) & { source: string; id?: string };
export type Identify = (text: string) => string;

/** A batch validated and named, ready to be written: pure data, so it can cross threads. */
export type PreparedBatch = { events: IncomingEvent[]; quarantined: IncomingQuarantine[] };

/**
 * `notBilled`: accepted calls whose outcome is not billed (throttled, filtered, errors);
 * `usageUnknown`: billed calls that reported no tokens; `warnings`: accepted events that lost a
 * tag or their end user to a limit (kept per source and reason in the store).
 */
export type IngestSummary = {
  accepted: number;
  duplicates: number;
  quarantined: number;
  unpriced: number;
  notBilled: number;
  usageUnknown: number;
  warnings: number;
};

export const emptySummary = (): IngestSummary => ({ accepted: 0, duplicates: 0, quarantined: 0, unpriced: 0, notBilled: 0, usageUnknown: 0, warnings: 0 });

export function addSummaries(a: IngestSummary, b: IngestSummary): IngestSummary {
  return {
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    quarantined: a.quarantined + b.quarantined,
    unpriced: a.unpriced + b.unpriced,
    notBilled: a.notBilled + b.notBilled,
    usageUnknown: a.usageUnknown + b.usageUnknown,
    warnings: a.warnings + b.warnings,
  };
}

/**
 * A line up to the largest event accepted is kept whole, so it can be replayed once fixed; a bigger
 * one can never be an event, and is kept cut, with its size and hash.
 */
function keptRaw(text: string): string {
  if (text.length <= MAX_EVENT_BYTES && Buffer.byteLength(text) <= MAX_EVENT_BYTES) return text;
  const hash = createHash("sha256").update(text).digest("hex");
  return `${text.slice(0, MAX_EVENT_BYTES)}… [cut: ${Buffer.byteLength(text)} bytes in all, sha256 ${hash}]`;
}

/**
 * Validates each event on its own and names it; what fails is kept for quarantine with its reason.
 * `now` is when the lines arrived: times are judged against it, never against the machine's clock.
 */
export function prepareUsageBatch(lines: readonly SourceLine[], identify: Identify, now: number = clockNow()): PreparedBatch {
  const events: IncomingEvent[] = [];
  const quarantined: IncomingQuarantine[] = [];
  const oldest = retentionHorizon(now);
  for (const line of lines) {
    if ("undecodable" in line) {
      const { base64 } = line.undecodable;
      quarantined.push({ id: line.id ?? identify(base64), source: line.source, raw: base64, encoding: "base64", reason: NOT_UTF8 });
      continue;
    }
    const parsed = line.parsed ?? parseEventLine(line.text);
    if (parsed.ok) {
      const id = parsed.event.requestId ? requestIdentity(parsed.event.requestId) : (line.id ?? identify(line.text));
      const outside = timeOutsideWindow(parsed.event.time, now);
      if (outside !== null) {
        quarantined.push({ id, source: line.source, raw: keptRaw(line.text), reason: outside });
        continue;
      }
      if (oldest !== null && utcDay(parsed.event.time) < oldest) {
        const reason = `older than the retention of raw events (kept from ${oldest}): it could not be told apart from an event already counted`;
        quarantined.push({ id, source: line.source, raw: keptRaw(line.text), reason });
        continue;
      }
      events.push({ id, source: line.source, event: parsed.event });
    } else {
      quarantined.push({ id: line.id ?? identify(line.text), source: line.source, raw: keptRaw(line.text), reason: parsed.reason });
    }
  }
  return { events, quarantined };
}

/** What a written batch did, as `chargeback ingest` and the intake report it. */
export function summariseBatch(pricer: UsagePricer, events: readonly IncomingEvent[], result: UsageBatchResult): IngestSummary {
  let accepted = 0;
  let unpriced = 0;
  let notBilled = 0;
  let usageUnknown = 0;
  let warnings = 0;
  events.forEach(({ event }, i) => {
    if (!result.inserted[i]) return;
    accepted++;
    if (event.warnings) warnings++;
    const outcome = outcomeOf(event);
    if (!BILLED[outcome]) notBilled++;
    else if (event.totalTokens === 0) usageUnknown++;
    else if (!pricer.canPrice(event, utcDay(event.time))) unpriced++;
  });
  const conflicts = result.conflicted.filter(Boolean).length;
  return {
    accepted,
    duplicates: events.length - accepted - conflicts + result.quarantineDuplicates,
    quarantined: result.quarantined,
    unpriced,
    notBilled,
    usageUnknown,
    warnings,
  };
}

/**
 * Writes a prepared batch exactly once, in one store transaction. Pricing here only counts what is
 * unpriced: costs are applied when reports are read, so a price that arrives later prices old usage too.
 */
export async function writePreparedBatch(
  store: UsageStore,
  pricer: UsagePricer,
  { events, quarantined }: PreparedBatch,
  receivedAt = clockNow(),
): Promise<IngestSummary> {
  return summariseBatch(pricer, events, await store.saveUsageBatch({ events, quarantined, receivedAt }));
}

export function processUsageBatch(store: UsageStore, pricer: UsagePricer, lines: readonly SourceLine[], identify: Identify, now: number = clockNow()) {
  return writePreparedBatch(store, pricer, prepareUsageBatch(lines, identify, now), now);
}
