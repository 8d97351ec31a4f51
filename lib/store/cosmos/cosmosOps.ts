import { createHash } from "node:crypto";
import { BulkOperationType, type Container, type JSONObject, type OperationInput, type SqlParameter } from "@azure/cosmos";

type Doc = { id: string };
const body = (d: Doc) => d as unknown as JSONObject;

/** A Cosmos item id for any key: ids may not hold `/ \ ? #` and are at most 255 characters. */
export const docId = (...parts: readonly (string | number)[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/** Every result of a query, all pages; with `partitionKey` it stays in that logical partition. */
export async function queryAll<T>(container: Container, query: string, parameters: Record<string, unknown> = {}, partitionKey?: string): Promise<T[]> {
  const spec = { query, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value }) as SqlParameter) };
  const { resources } = await container.items.query<T>(spec, partitionKey === undefined ? {} : { partitionKey }).fetchAll();
  return resources;
}

/**
 * Creates documents, each on its own: true where it was new, false where its id existed (409).
 * Any other failure throws, so the caller's batch is retried rather than half counted.
 */
export async function createEach<D extends Doc>(container: Container, docs: readonly D[], partitionKeyOf: (d: D) => string): Promise<boolean[]> {
  if (docs.length === 0) return [];
  const operations: OperationInput[] = docs.map((d) => ({ operationType: BulkOperationType.Create, partitionKey: partitionKeyOf(d), resourceBody: body(d) }));
  const results = await container.items.executeBulkOperations(operations);
  return results.map((r) => {
    if (r.error?.code === 409 || r.response?.statusCode === 409) return false;
    if (r.error || !r.response || r.response.statusCode >= 300) throw new Error(`Cosmos create failed: ${r.error?.message ?? r.response?.statusCode}`);
    return true;
  });
}

/** Upserts documents (insert or replace by id); any failure throws. */
export async function upsertEach<D extends Doc>(container: Container, docs: readonly D[], partitionKeyOf: (d: D) => string): Promise<void> {
  if (docs.length === 0) return;
  const operations: OperationInput[] = docs.map((d) => ({ operationType: BulkOperationType.Upsert, partitionKey: partitionKeyOf(d), resourceBody: body(d) }));
  for (const r of await container.items.executeBulkOperations(operations)) {
    if (r.error || !r.response || r.response.statusCode >= 300) throw new Error(`Cosmos upsert failed: ${r.error?.message ?? r.response?.statusCode}`);
  }
}

/** Deletes documents by id; ones already gone are fine. */
export async function deleteEach(container: Container, ids: readonly { id: string; partitionKey: string }[]): Promise<void> {
  if (ids.length === 0) return;
  const operations: OperationInput[] = ids.map(({ id, partitionKey }) => ({ operationType: BulkOperationType.Delete, id, partitionKey }));
  for (const r of await container.items.executeBulkOperations(operations)) {
    if (r.error?.code === 404 || r.response?.statusCode === 404) continue;
    if (r.error || !r.response || r.response.statusCode >= 300) throw new Error(`Cosmos delete failed: ${r.error?.message ?? r.response?.statusCode}`);
  }
}

/** Runs `work` over items, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

let counter = 0;
/**
 * An insertion-order key for lists without an autoincrement id (audit, month log, price syncs):
 * wall-clock milliseconds, then a per-process counter. Across processes the clock orders them.
 */
export const nextSeq = () => `${Date.now().toString().padStart(15, "0")}.${(counter++ % 1e9).toString().padStart(9, "0")}`;

/** Cosmos's own fields, dropped before a document becomes a domain object. */
export function withoutMeta<T>(doc: Record<string, unknown>, drop: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith("_") && k !== "id" && !drop.includes(k)) out[k] = v;
  return out as T;
}
