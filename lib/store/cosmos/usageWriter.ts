import type { IncomingEvent, UsageBatch, UsageBatchResult } from "../port";
import type { Containers } from "./containers";
import { createEach, docId, eachLimited, queryAll, upsertEach, upsertInPartition } from "./cosmosOps";
import { toEventDoc } from "./mappers";
import { ROLLUP_FIELDS, type RollupSource, rollupIdsOf, summarise } from "./usageDocs";
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
 * Recomputes the rollups a batch touched in one logical partition (app × day) from all of that
 * partition's facts, and upserts them together (one transactional batch on Cosmos DB). Rollups are
 * a pure function of the stored facts, so rewriting them is idempotent, and a crash between facts
 * and rollups heals when the batch is redelivered: its facts are all duplicates then, but they
 * still name the rollups to recompute. Writers racing on one partition each check, after writing,
 * that no fact arrived since they read; if one did, they compute again, so the last write of each
 * rollup covers every fact.
 */
export async function recomputeRollups(c: Containers, pk: string, touched: ReadonlySet<string>): Promise<void> {
  const fields = ROLLUP_FIELDS.map((f) => `c.${f}`).join(", ");
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const events = await queryAll<RollupSource>(c.usage, `SELECT ${fields} FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    await upsertInPartition(c.usage, pk, summarise(pk, events).filter((d) => touched.has(d.id)));
    const [count] = await queryAll<number>(c.usage, `SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    if (count === events.length) return;
  }
  throw new Error(`rollups of ${pk} kept changing while being recomputed; the batch will be retried`);
}

/**
 * Facts first, then the rollups each of the batch's facts belongs to (duplicates included: a
 * batch redelivered after a crash is what heals its rollups), then the index of apps with usage
 * (`knownApps`: those this process has already written) and the quarantined lines.
 */
export async function saveUsageBatch(c: Containers, batch: UsageBatch, knownApps = new Set<string>()): Promise<UsageBatchResult> {
  const inserted = await writeEvents(c, batch.events, batch.receivedAt);
  const touched = new Map<string, Set<string>>();
  for (const e of batch.events) {
    const doc = toEventDoc(e, batch.receivedAt);
    const ids = touched.get(doc.pk) ?? new Set<string>();
    for (const id of rollupIdsOf(doc)) ids.add(id);
    touched.set(doc.pk, ids);
  }
  await eachLimited([...touched], PARALLEL_PARTITIONS, ([pk, ids]) => recomputeRollups(c, pk, ids));
  const apps = [...new Set(batch.events.map((e) => e.event.appId))].filter((a) => !knownApps.has(a));
  await upsertEach(c.reference, apps.map((appId) => ({ id: docId(appId), kind: "usageApp", appId })));
  for (const a of apps) knownApps.add(a);
  const first = new Map(batch.quarantined.map((q) => [q.id, q]));
  const kept = await createEach(c.quarantine, [...first.values()].map((q) => quarantineDoc(q, batch.receivedAt)));
  const quarantined = kept.filter(Boolean).length;
  return { inserted, quarantined, quarantineDuplicates: batch.quarantined.length - quarantined };
}
