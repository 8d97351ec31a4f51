import { UserError } from "../core/errors";
import type { UsagePricer } from "../pricing/priceUsage";
import type { UsageStore } from "../store/port";
import { DiagnosticLines } from "./azureMonitor/joinDiagnosticLines";
import { prepareUsageBatch, writePreparedBatch, type IngestSummary } from "./processUsageBatch";

export type ReplaySummary = IngestSummary & { stillFailing: number };

/**
 * Runs open quarantined lines through the pipeline again (after a fix upstream or in the parser).
 * A line keeps the identity it was quarantined under, so replaying twice adds nothing.
 */
export async function replayQuarantine(store: UsageStore, pricer: UsagePricer, ids: readonly string[] = []): Promise<ReplaySummary> {
  const open = await store.listQuarantined("open");
  const unknown = ids.filter((id) => !open.some((q) => q.id === id));
  if (unknown.length > 0) throw new UserError(`not an open quarantined event: ${unknown.join(", ")}`);
  const chosen = ids.length === 0 ? open : open.filter((q) => ids.includes(q.id));
  // A quarantined diagnostic record is one record: read again, it is a call of its own (its other
  // record, if it came, was let go), charged to the unknown caller when it has no gateway record.
  const lines = new DiagnosticLines<null>().feed(
    chosen.map((q) => ({ text: q.raw, source: q.source, id: q.id })),
    () => null,
    true,
  ).lines;
  const prepared = prepareUsageBatch(lines, () => {
    throw new Error("every quarantined line has an identity");
  });
  const summary = await writePreparedBatch(store, pricer, { events: prepared.events, quarantined: [] });
  const failing = new Map(prepared.quarantined.map((q) => [q.id, q.reason]));
  for (const q of chosen) {
    const reason = failing.get(q.id);
    if (reason === undefined) await store.saveQuarantineOutcome(q.id, { status: "replayed" });
    else if (reason !== q.reason) await store.saveQuarantineOutcome(q.id, { status: "open", reason });
  }
  return { ...summary, stillFailing: failing.size };
}
