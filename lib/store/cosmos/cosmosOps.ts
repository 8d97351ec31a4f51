import { createHash } from "node:crypto";
import type { Container, JSONObject, SqlParameter } from "@azure/cosmos";

type Doc = { id: string };
const body = (d: Doc) => d as unknown as JSONObject;

/** A Cosmos item id for any key: ids may not hold `/ \ ? #` and are at most 255 characters. */
export const docId = (...parts: readonly (string | number)[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/** Every result of a query, all pages; with `partitionKey` it stays in that logical partition. */
export async function queryAll<T>(container: Container, query: string, parameters: Record<string, unknown> = {}, partitionKey?: string): Promise<T[]> {
  const spec = { query, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value }) as SqlParameter) };
  // Large pages: the default of 100 items makes a day of a busy app a thousand round trips.
  const { resources } = await container.items.query<T>(spec, { maxItemCount: 1000, ...(partitionKey === undefined ? {} : { partitionKey }) }).fetchAll();
  return resources;
}

const PARALLEL = 16;
const codeOf = (error: unknown) => (error as { code?: unknown }).code;

/**
 * Creates documents (the SDK reads each one's partition key from it), each with its own point write (up to 16 at once): true where it was new,
 * false where its id existed (409). Any other failure throws, so the caller's batch is retried.
 * (Not `executeBulkOperations`: it waits up to a second for a partial batch to fill.)
 */
export async function createEach<D extends Doc>(container: Container, docs: readonly D[]): Promise<boolean[]> {
  const created = new Array<boolean>(docs.length).fill(false);
  await eachLimited([...docs.entries()], PARALLEL, async ([i, doc]) => {
    try {
      await container.items.create(body(doc), { disableAutomaticIdGeneration: true });
      created[i] = true;
    } catch (error) {
      if (codeOf(error) !== 409) throw error;
    }
  });
  return created;
}

/** Upserts documents (insert or replace by id), up to 16 at once; any failure throws. */
export async function upsertEach<D extends Doc>(container: Container, docs: readonly D[]): Promise<void> {
  await eachLimited(docs, PARALLEL, async (d) => {
    await container.items.upsert(body(d));
  });
}

/** Deletes documents by id; ones already gone are fine. */
export async function deleteEach(container: Container, ids: readonly { id: string; partitionKey: string }[]): Promise<void> {
  await eachLimited(ids, PARALLEL, async ({ id, partitionKey }) => {
    try {
      await container.item(id, partitionKey).delete();
    } catch (error) {
      if (codeOf(error) !== 404) throw error;
    }
  });
}

/** Runs `work` over items, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = items.values();
  const lane = async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) await work(next.value);
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
