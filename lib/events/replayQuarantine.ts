import { UserError } from "../errors";
import type { UsagePricer } from "../pricing/priceUsage";
import type { QuarantinedEvent, UsageStore } from "../store/port";
import { decodeStrictUtf8, type Undecodable } from "./strictUtf8";
import { prepareUsageBatch, summariseBatch, type IngestSummary } from "./processUsageBatch";

/** A line kept as bytes is decoded again: it stays quarantined unless it has become UTF-8. */
function lineOf(q: QuarantinedEvent): { text: string } | { undecodable: Undecodable } {
  if (q.encoding === "utf8") return { text: q.raw };
  const decoded = decodeStrictUtf8(Buffer.from(q.raw, "base64"));
  return typeof decoded === "string" ? { text: decoded } : { undecodable: decoded };
}

export type ReplaySummary = IngestSummary & { stillFailing: number };

/**
 * Runs open quarantined lines through the pipeline again (after a fix upstream or in the parser).
 * A line keeps the identity it was quarantined under, so replaying twice adds nothing. A line whose
 * identity was counted with other content (a conflict) stays open: it is an admin's to settle.
 */
export async function replayQuarantine(store: UsageStore, pricer: UsagePricer, ids: readonly string[] = []): Promise<ReplaySummary> {
  const open = await store.listQuarantined("open");
  const unknown = ids.filter((id) => !open.some((q) => q.id === id));
  if (unknown.length > 0) throw new UserError(`not an open quarantined event: ${unknown.join(", ")}`);
  const chosen = ids.length === 0 ? open : open.filter((q) => ids.includes(q.id));
  // One line at a time, so each event's outcome leads back to its quarantined line.
  const prepared = chosen.map((q) =>
    prepareUsageBatch([{ ...lineOf(q), source: q.source, id: q.id }], () => {
      throw new Error("every quarantined line has an identity");
    }),
  );
  const events = prepared.flatMap((p) => p.events);
  const result = await store.saveUsageBatch({ events, quarantined: [], receivedAt: Date.now() });
  let k = 0;
  let stillFailing = 0;
  for (const [i, q] of chosen.entries()) {
    const failed = prepared[i].quarantined[0];
    const conflicted = failed === undefined && result.conflicted[k++];
    if (failed !== undefined || conflicted) stillFailing++;
    if (conflicted) continue;
    if (failed === undefined) await store.saveQuarantineOutcome(q.id, { status: "replayed" });
    else if (failed.reason !== q.reason) await store.saveQuarantineOutcome(q.id, { status: "open", reason: failed.reason });
  }
  return { ...summariseBatch(pricer, events, result), stillFailing };
}
