import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { type Audited, planUpsert } from "../audited";
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

/**
 * Writes only the rows that are new or changed, and says how many of each, as SQLite's upsertByKey.
 * With `audit`, the entity's audit entries are written first, then the rows.
 */
export async function saveAudited<T extends object>(
  c: Containers,
  entity: Pick<Audited<T>, "kind" | "keyOf"> & Partial<Audited<T>>,
  incoming: readonly T[],
  audit?: AuditContext,
  extra: Partial<RefDoc<T>> = {},
): Promise<UpsertSummary> {
  const { kind, keyOf } = entity;
  // JSON round trip: the stored row is compared as the stored document gives it back.
  const changes = planUpsert(await listValues<T>(c, kind), incoming, keyOf, (old, row) => isDeepStrictEqual({ ...old }, JSON.parse(JSON.stringify(row))));
  const { created, updated, unchanged } = changes;
  const summary: UpsertSummary = { added: created.length, changed: updated.length, unchanged };
  if (created.length + updated.length === 0) return summary;
  const entries = audit && entity.entries ? entity.entries(changes) : [];
  if (audit && entries.length > 0) await recordAudit(c, audit, entries);
  await upsertEach(
    c.reference,
    [...created, ...updated.map((u) => u.after)].map((row) => refDoc(kind, keyOf(row), row, extra)),
  );
  await bumpCatalogVersion(c);
  return summary;
}

/**
 * The catalog's version (port.ts getCatalogVersion): a document every change to a reference row
 * or a close rewrites with a new value, after the change, so a reader that reads it before
 * loading the catalog never keeps a catalog older than the version it stored it under.
 */
export async function bumpCatalogVersion(c: Containers): Promise<void> {
  await upsertEach(c.reference, [refDoc("catalogVersion", "catalog", randomUUID())]);
}

/** "none" before the first change made with this code: the store's catalog has not changed since. */
export async function readCatalogVersion(c: Containers): Promise<string> {
  return (await readRef<string>(c, "catalogVersion", "catalog"))?.doc.value ?? "none";
}
