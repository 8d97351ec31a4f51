import { now as clockNow } from "../core/clock";
import { createHash } from "node:crypto";
import { IdempotencyKeyReused } from "../core/errors";
import { createLineIdentities } from "../events/lineIdentity";
import { prepareUsageBatch, summariseBatch, type IngestSummary, type SourceLine } from "../events/processUsageBatch";
import type { UsagePricer } from "../pricing/priceUsage";
import type { UsageStore } from "../store/port";
import { recordBatch, recordStoreError } from "../telemetry/instruments";
import { sharedGroupCommit } from "./groupCommit";

/** Who sends: an ingest key (its id and source name) or an Entra ID client (its app id). */
export type Sender = { id: string; source: string };

/** The body's events, in order: a retry that re-serialises the same events has the same digest. */
const digestOf = (lines: readonly string[]) => createHash("sha256").update(JSON.stringify(lines)).digest("base64url");

/**
 * Writes one request's events exactly once. Events without a request id are named by the sender's
 * Idempotency-Key and their position, or else by their text and occurrence in the body, so a
 * retried request adds nothing. A key names one body: reused for another, the request is refused
 * before anything is written (its events would otherwise be taken for duplicates and lost). The
 * events wait on the store's group commit: the summary comes once they are stored.
 */
export async function acceptEvents(
  store: UsageStore,
  pricer: UsagePricer,
  sender: Sender,
  lines: string[],
  idempotencyKey: string | null,
  now = clockNow(),
): Promise<IngestSummary> {
  const scope = `http:${sender.id}:${idempotencyKey}`;
  if (idempotencyKey !== null) {
    const digest = digestOf(lines);
    if ((await store.saveIdempotencyKey(scope, digest, now)) !== digest) throw new IdempotencyKeyReused(idempotencyKey);
  }
  const source = `http:${sender.source}`;
  const sourceLines: SourceLine[] = lines.map((text, i) => ({
    text,
    source: `${source}#${i + 1}`,
    id: idempotencyKey ? `${scope}:${i}` : undefined,
  }));
  const started = performance.now();
  const prepared = prepareUsageBatch(sourceLines, createLineIdentities(), now);
  const result = await sharedGroupCommit(store)(prepared, now).catch((error: unknown) => {
    recordStoreError("saveUsageBatch", { source: "intake" });
    throw error;
  });
  const summary = summariseBatch(pricer, prepared.events, result);
  recordBatch("intake", summary, performance.now() - started);
  return summary;
}
