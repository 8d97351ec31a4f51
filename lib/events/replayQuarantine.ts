import { now } from "../core/clock";
import { UserError } from "../core/errors";
import type { UsagePricer } from "../pricing/priceUsage";
import type { AuditContext, QuarantinedEvent, UsageStore } from "../store/port";
import { DiagnosticLines } from "./azureMonitor/joinDiagnosticLines";
import { prepareUsageBatch, type SourceLine, summariseBatch, type IngestSummary } from "./processUsageBatch";
import { decodeStrictUtf8 } from "./strictUtf8";
import { itemAt } from "../core/arrays";

/**
 * A quarantined line as a source line again. One kept as bytes is decoded again: it stays
 * quarantined unless it has become UTF-8. A diagnostic record is one record: read again, it is a
 * call of its own (its other record, if it came, was let go), charged to the unknown caller when it
 * has no gateway record.
 */
function linesOf(q: QuarantinedEvent): SourceLine[] {
  const text = q.encoding === "utf8" ? q.raw : decodeStrictUtf8(Buffer.from(q.raw, "base64"));
  if (typeof text !== "string") return [{ undecodable: text, source: q.source, id: q.id }];
  return new DiagnosticLines<null>().feed([{ text, source: q.source, id: q.id }], () => null, true).lines;
}

export type ReplaySummary = IngestSummary & { stillFailing: number };

/**
 * Runs open quarantined lines through the pipeline again (after a fix upstream or in the parser).
 * A line keeps the identity it was quarantined under, so replaying twice adds nothing. A line whose
 * identity was counted with other content (a conflict) stays open: it is an admin's to settle.
 * With `audit` (a replay from the Health page), each line's changed outcome is audited.
 */
export async function replayQuarantine(store: UsageStore, pricer: UsagePricer, ids: readonly string[] = [], audit?: AuditContext): Promise<ReplaySummary> {
  const open = await store.listQuarantined("open");
  const unknown = ids.filter((id) => !open.some((q) => q.id === id));
  if (unknown.length > 0) throw new UserError(`not an open quarantined event: ${unknown.join(", ")}`);
  const chosen = ids.length === 0 ? open : open.filter((q) => ids.includes(q.id));
  // One line at a time, so each event's outcome leads back to its quarantined line.
  const prepared = chosen.map((q) =>
    prepareUsageBatch(linesOf(q), () => {
      throw new Error("every quarantined line has an identity");
    }),
  );
  const events = prepared.flatMap((p) => p.events);
  const result = await store.saveUsageBatch({ events, quarantined: [], receivedAt: now() });
  let k = 0;
  let stillFailing = 0;
  for (const [i, q] of chosen.entries()) {
    const batch = itemAt(prepared, i); // prepared one for one from chosen
    const failed = batch.quarantined[0];
    const mine = batch.events.length;
    const conflicted = result.conflicted.slice(k, k + mine).some(Boolean);
    k += mine;
    if (failed !== undefined || conflicted) stillFailing++;
    if (conflicted) continue;
    if (failed === undefined) await store.saveQuarantineOutcome(q.id, { status: "replayed" }, audit);
    else if (failed.reason !== q.reason) await store.saveQuarantineOutcome(q.id, { status: "open", reason: failed.reason }, audit);
  }
  return { ...summariseBatch(pricer, events, result), stillFailing };
}
