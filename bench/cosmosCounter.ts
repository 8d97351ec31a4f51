// Counts what the Cosmos DB SDK is asked to do (point reads, creates, upserts, replaces, patches,
// deletes, queries and the documents they return, with their sizes) by wrapping the SDK's own
// Items/Item/QueryIterator methods, and prices the counts in request units with docs/cosmos.md's
// assumptions: the test server reports 1 RU for everything.
import { Item, Items, QueryIterator } from "@azure/cosmos";

export type Op = "read" | "create" | "upsert" | "replace" | "patch" | "delete" | "query";
export type Tally = { ops: Record<Op, number>; docsReturned: number; ru: number; ruByContainer: Record<string, number> };

// Microsoft's measured charges per document size (learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption).
const SIZES_KB = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];
const READ_RU = [1.0, 1.04, 1.14, 1.33, 1.67, 2.19, 4.76, 9.95, 20.28, 40.95, 145.9, 291.8];
const WRITE_RU = [4.95, 6.29, 6.67, 7.04, 9.52, 11.23, 22.67, 48.19, 98.29, 184.57, 625, 1250];
/** This doc has always assumed 6 RU for a 1 KB write: Microsoft's figures × 1.2 keep that margin. */
const WRITE_MARGIN = 6 / 4.95;
/** Replacing an item re-indexes it: assumed twice a create of its size (upserts and patches here rewrite existing items). */
const REWRITE = 2;
const QUERY_BASE_RU = 2.5;
const QUERY_RU_PER_KB = 0.1;

function interpolate(table: readonly number[], kb: number): number {
  if (kb <= 1) return table[0]!;
  for (let i = 1; i < SIZES_KB.length; i++) {
    const hi = SIZES_KB[i]!;
    if (kb <= hi) {
      const lo = SIZES_KB[i - 1]!;
      return table[i - 1]! + ((table[i]! - table[i - 1]!) * (kb - lo)) / (hi - lo);
    }
  }
  return (table.at(-1)! * kb) / SIZES_KB.at(-1)!;
}

const kbOf = (doc: unknown) => (doc === undefined ? 1 : Buffer.byteLength(JSON.stringify(doc)) / 1024);
export const ruOf = {
  read: (kb: number) => interpolate(READ_RU, kb),
  create: (kb: number) => interpolate(WRITE_RU, kb) * WRITE_MARGIN,
  replace: (kb: number) => interpolate(WRITE_RU, kb) * WRITE_MARGIN * REWRITE,
  delete: () => interpolate(WRITE_RU, 1) * WRITE_MARGIN,
  query: (kbs: readonly number[]) => QUERY_BASE_RU + kbs.reduce((s, kb) => s + Math.max(1, kb) * QUERY_RU_PER_KB, 0),
};

export function newTally(): Tally {
  return { ops: { read: 0, create: 0, upsert: 0, replace: 0, patch: 0, delete: 0, query: 0 }, docsReturned: 0, ru: 0, ruByContainer: {} };
}

let current: Tally | null = null;
function count(op: Op, container: string, ru: number, docs = 0) {
  if (!current) return;
  current.ops[op] += 1;
  current.docsReturned += docs;
  current.ru += ru;
  current.ruByContainer[container] = (current.ruByContainer[container] ?? 0) + ru;
}

/** Runs `work` and returns what it asked of Cosmos DB; failed requests (404, 409, 412) count as made. */
export async function tallied(work: () => Promise<unknown>): Promise<Tally> {
  const tally = newTally();
  current = tally;
  try {
    await work();
  } finally {
    current = null;
  }
  return tally;
}

type AnyFn = (...args: unknown[]) => Promise<{ resource?: unknown; resources?: unknown[] }>;
const containerOf = (self: unknown) => (self as { container: { id: string } }).container.id;

function wrap(
  proto: object,
  name: string,
  price: (self: unknown, args: unknown[], result?: { resource?: unknown; resources?: unknown[] }) => [Op, number, number?],
) {
  const original = (proto as Record<string, AnyFn>)[name]!;
  (proto as Record<string, AnyFn>)[name] = async function (this: unknown, ...args: unknown[]) {
    try {
      const result = await original.apply(this, args);
      const [op, ru, docs] = price(this, args, result);
      count(op, containerOf(this), ru, docs);
      return result;
    } catch (error) {
      const [op, ru] = price(this, args);
      count(op, containerOf(this), ru);
      throw error;
    }
  };
}

let installed = false;
/** Wraps the SDK's methods once per process. */
export function installCounter(): void {
  if (installed) return;
  installed = true;
  wrap(Items.prototype, "create", (_s, [body]) => ["create", ruOf.create(kbOf(body))]);
  wrap(Items.prototype, "upsert", (_s, [body]) => ["upsert", ruOf.replace(kbOf(body))]);
  wrap(Item.prototype, "read", (_s, _a, r) => ["read", ruOf.read(kbOf(r?.resource))]);
  wrap(Item.prototype, "replace", (_s, [body]) => ["replace", ruOf.replace(kbOf(body))]);
  wrap(Item.prototype, "patch", () => ["patch", ruOf.replace(1)]);
  wrap(Item.prototype, "delete", () => ["delete", ruOf.delete()]);
  const fetchAll = QueryIterator.prototype.fetchAll as unknown as AnyFn;
  QueryIterator.prototype.fetchAll = async function (this: QueryIterator<unknown>) {
    const result = await fetchAll.apply(this, []);
    const docs = result.resources ?? [];
    const container = (this as unknown as { resourceLink?: string }).resourceLink?.split("/colls/")[1]?.split("/")[0] ?? "?";
    count("query", container, ruOf.query(docs.map(kbOf)), docs.length);
    return result as never;
  } as typeof QueryIterator.prototype.fetchAll;
}
