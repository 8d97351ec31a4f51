import { now } from "../../core/clock";
import type { AuditEntry } from "../../audit/auditEntry";
import type { AuditContext } from "../port";
import type { Containers } from "./containers";
import { docId, nextSeq, queryAll, upsertEach } from "./cosmosOps";

const KIND = "audit";
type AuditDoc = { id: string; kind: typeof KIND; seq: string; value: AuditEntry };

/**
 * Writes one audit entry per changed thing: [subject, before, after]. Cosmos has no transaction
 * across documents, so callers write the entries just before the change they describe: a crash
 * in between leaves an entry for a change that did not happen, never a change without its entry.
 */
export async function recordAudit(c: Containers, audit: AuditContext, changes: readonly (readonly [string, unknown, unknown])[]): Promise<void> {
  const at = audit.at ?? now();
  const docs: AuditDoc[] = changes.map(([subject, before, after]) => {
    const seq = nextSeq();
    // JSON round trip: what is stored is what SQLite's JSON columns give back.
    const value: AuditEntry = JSON.parse(
      JSON.stringify({ at, actor: audit.actor, action: audit.action, subject, before: before ?? null, after: after ?? null, reason: audit.reason }),
    );
    return { id: docId(KIND, seq), kind: KIND, seq, value };
  });
  await upsertEach(c.reference, docs);
}

/** Newest first. */
export async function listAudit(c: Containers, limit: number): Promise<AuditEntry[]> {
  const top = Math.max(0, Math.floor(limit));
  if (top === 0) return [];
  const docs = await queryAll<AuditDoc>(c.reference, `SELECT TOP ${top} * FROM c WHERE c.kind = @kind ORDER BY c.seq DESC`, { "@kind": KIND }, KIND);
  return docs.map((d) => d.value);
}
