import { now } from "../../core/clock";
import type { AuditContext, IncomingQuarantine, QuarantinedEvent, QuarantineOutcome, QuarantineStatus, RawEncoding } from "../port";
import { quarantineAuditChange } from "../quarantineAudit";
import { recordAudit } from "./recordAudit";
import type { Containers } from "./containers";
import { deleteEach, docId, queryAll } from "./cosmosOps";

type QuarantineDoc = {
  id: string;
  qid: string;
  receivedAt: number;
  source: string;
  reason: string;
  raw: string;
  /** Absent on documents written before lines could be kept as bytes: those are text. */
  encoding?: RawEncoding;
  status: QuarantineStatus;
  replayedAt: number | null;
};

export const quarantineDoc = (q: IncomingQuarantine, receivedAt: number): QuarantineDoc => ({
  id: docId(q.id),
  qid: q.id,
  receivedAt,
  source: q.source,
  reason: q.reason,
  raw: q.raw,
  encoding: q.encoding ?? "utf8",
  status: "open",
  replayedAt: null,
});

const toQuarantined = (d: QuarantineDoc): QuarantinedEvent => ({
  id: d.qid,
  receivedAt: d.receivedAt,
  source: d.source,
  reason: d.reason,
  raw: d.raw,
  encoding: d.encoding ?? "utf8",
  status: d.status,
});

/** Oldest first, then by id (as SQLite orders them). */
export async function listQuarantined(c: Containers, status: QuarantineStatus | "all"): Promise<QuarantinedEvent[]> {
  const docs =
    status === "all"
      ? await queryAll<QuarantineDoc>(c.quarantine, "SELECT * FROM c")
      : await queryAll<QuarantineDoc>(c.quarantine, "SELECT * FROM c WHERE c.status = @status", { "@status": status });
  return docs.map(toQuarantined).sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** With `audit`, the entry is written just before the change (Cosmos has no transaction across documents: see recordAudit). */
export async function saveQuarantineOutcome(c: Containers, id: string, outcome: QuarantineOutcome, audit?: AuditContext): Promise<void> {
  const item = c.quarantine.item(docId(id), docId(id));
  // Read, change, replace only if nobody changed it since: two replays at once keep one outcome each.
  for (;;) {
    const { resource, etag } = await item.read<QuarantineDoc>();
    if (!resource) throw new Error(`no quarantined event ${id}`);
    const next =
      outcome.status === "open" ? { ...resource, status: "open" as const, reason: outcome.reason } : { ...resource, status: outcome.status, replayedAt: now() };
    if (audit) await recordAudit(c, audit, [quarantineAuditChange({ ...resource, id }, outcome)]);
    try {
      await item.replace(next, { accessCondition: { type: "IfMatch", condition: etag } });
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 412) throw error;
    }
  }
}

/** Quarantined lines received before `before` (epoch ms), a page at a time (dry: counted only). */
export async function purgeQuarantined(c: Containers, before: number, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const [n] = await queryAll<number>(c.quarantine, "SELECT VALUE COUNT(1) FROM c WHERE c.receivedAt < @before", { "@before": before });
    return n ?? 0;
  }
  let total = 0;
  for (;;) {
    const page = await queryAll<string>(c.quarantine, "SELECT TOP 1000 VALUE c.id FROM c WHERE c.receivedAt < @before", { "@before": before });
    if (page.length === 0) return total;
    await deleteEach(
      c.quarantine,
      page.map((id) => ({ id, partitionKey: id })),
    );
    total += page.length;
  }
}
