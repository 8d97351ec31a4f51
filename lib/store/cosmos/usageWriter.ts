import type { IncomingEvent, UsageBatch, UsageBatchResult } from "../port";
import type { Containers } from "./containers";
import { createEach, docId, eachLimited, queryAll, upsertEach, upsertInPartition } from "./cosmosOps";
import { ROLLUP_FIELDS, type RollupSource, summarise, toEventDoc } from "./usageDocs";
import { quarantineDoc } from "./quarantine";

const PARALLEL_PARTITIONS = 8;
const MAX_ROUNDS = 5;

/**
 * Creates the facts not stored yet and says, per event, whether it was new: an event's document id
 * is its identity, so a redelivered one is a 409. An id repeated within the batch counts once.
 */
export async function writeEvents(c: Containers, events: readonly IncomingEvent[], receivedAt: number): Promise<boolean[]> {
  const inserted = new Array<boolean>(events.length).fill(false);
  const first = new Map<string, number>();
  events.forEach((e, i) => {
    if (!first.has(e.id)) first.set(e.id, i);
  });
  const indexes = [...first.values()];
  const created = await createEach(c.usage, indexes.map((i) => toEventDoc(events[i], receivedAt)));
  indexes.forEach((i, k) => (inserted[i] = created[k]));
  return inserted;
}

/**
 * Recomputes every rollup of one logical partition (app × day) from its events and upserts them.
 * Rollups are a pure function of the stored facts, so rewriting them is idempotent, and a crash
 * between facts and rollups heals on the next write of that partition (the redelivery). Two
 * writers racing on one partition: each checks after writing that no fact arrived since it read;
 * if one did, it computes again, so the last write always covers every fact.
 */
export async function recomputeRollups(c: Containers, pk: string): Promise<void> {
  const fields = ROLLUP_FIELDS.map((f) => `c.${f}`).join(", ");
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const events = await queryAll<RollupSource>(c.usage, `SELECT ${fields} FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    await upsertInPartition(c.usage, pk, summarise(pk, events));
    const [count] = await queryAll<number>(c.usage, `SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    if (count === events.length) return;
  }
  throw new Error(`rollups of ${pk} kept changing while being recomputed; the batch will be retried`);
}

/**
 * Facts first, then the rollups of every partition the batch touches (duplicates included: a
 * batch redelivered after a crash is what heals its rollups), then the app index and quarantine.
 */
export async function saveUsageBatch(c: Containers, batch: UsageBatch): Promise<UsageBatchResult> {
  const inserted = await writeEvents(c, batch.events, batch.receivedAt);
  const partitions = [...new Set(batch.events.map((e) => toEventDoc(e, batch.receivedAt).pk))];
  await eachLimited(partitions, PARALLEL_PARTITIONS, (pk) => recomputeRollups(c, pk));
  const apps = [...new Set(batch.events.map((e) => e.event.appId))];
  await upsertEach(c.reference, apps.map((appId) => ({ id: docId(appId), kind: "usageApp", appId })));
  const first = new Map(batch.quarantined.map((q) => [q.id, q]));
  const kept = await createEach(c.quarantine, [...first.values()].map((q) => quarantineDoc(q, batch.receivedAt)));
  const quarantined = kept.filter(Boolean).length;
  return { inserted, quarantined, quarantineDuplicates: batch.quarantined.length - quarantined };
}
