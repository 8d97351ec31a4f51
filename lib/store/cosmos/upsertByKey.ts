import { isDeepStrictEqual } from "node:util";
import type { AuditContext, UpsertSummary } from "../port";
import { recordAudit } from "./recordAudit";
import type { Containers } from "./containers";
import { docId, queryAll, upsertEach } from "./cosmosOps";

/** A dimension row in the `reference` container: one logical partition per kind. */
export type RefDoc<T> = { id: string; kind: string; key: string; value: T; seq?: string; importedAt?: number };

export const refDoc = <T>(kind: string, key: string, value: T, extra: Partial<RefDoc<T>> = {}): RefDoc<T> => ({
  id: docId(kind, key),
  kind,
  key,
  value,
  ...extra,
});

export async function listKind<T>(c: Containers, kind: string): Promise<RefDoc<T>[]> {
  return queryAll<RefDoc<T>>(c.reference, "SELECT * FROM c WHERE c.kind = @kind", { "@kind": kind }, kind);
}

export const listValues = async <T>(c: Containers, kind: string): Promise<T[]> => (await listKind<T>(c, kind)).map((d) => d.value);

export async function readRef<T>(c: Containers, kind: string, key: string): Promise<{ doc: RefDoc<T>; etag: string } | null> {
  const { resource, etag } = await c.reference.item(docId(kind, key), kind).read<RefDoc<T>>();
  return resource ? { doc: resource, etag } : null;
}

/** What changed in an upsert, for its audit entries. */
export type Changes<T> = { created: T[]; updated: { before: T; after: T }[] };

/**
 * Writes only the rows that are new or changed, and says how many of each, as SQLite's upsertByKey.
 * The audit entries (from `auditOf`) are written first, then the rows.
 */
export async function upsertByKey<T extends object>(
  c: Containers,
  kind: string,
  incoming: readonly T[],
  keyOf: (row: T) => string,
  audit?: { context: AuditContext; entries: (changes: Changes<T>) => (readonly [string, unknown, unknown])[] },
  extra: Partial<RefDoc<T>> = {},
): Promise<UpsertSummary> {
  const before = new Map((await listValues<T>(c, kind)).map((row) => [keyOf(row), row]));
  const summary: UpsertSummary = { added: 0, changed: 0, unchanged: 0 };
  const created: T[] = [];
  const updated: T[] = [];
  for (const row of new Map(incoming.map((r) => [keyOf(r), r])).values()) {
    const old = before.get(keyOf(row));
    if (old && isDeepStrictEqual({ ...old }, JSON.parse(JSON.stringify(row)))) summary.unchanged++;
    else (old ? updated : created).push(row);
  }
  summary.added = created.length;
  summary.changed = updated.length;
  if (created.length + updated.length === 0) return summary;
  if (audit) {
    const entries = audit.entries({ created, updated: updated.map((after) => ({ before: before.get(keyOf(after))!, after })) });
    if (entries.length > 0) await recordAudit(c, audit.context, entries);
  }
  await upsertEach(
    c.reference,
    [...created, ...updated].map((row) => refDoc(kind, keyOf(row), row, extra)),
  );
  return summary;
}
