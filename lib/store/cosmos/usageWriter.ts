import type { IncomingEvent, IncomingQuarantine, UsageBatch, UsageBatchResult } from "../port";
import { conflictQuarantine, eventDigest, sameCall } from "../../events/eventConflict";
import { claimEvents } from "./eventClaims";
import type { Container } from "@azure/cosmos";
import type { Containers } from "./containers";
import { randomUUID } from "node:crypto";
import { createEach, deleteEach, docId, eachLimited, queryAll, upsertEach, upsertInPartition } from "./cosmosOps";
import { toEventDoc } from "./mappers";
import { ROLLUP_FIELDS, type RollupSource, rollupIdsOf, summarise } from "./usageDocs";
import { quarantineDoc } from "./quarantine";
import { addIngestWarnings } from "./ingestWarnings";
import { itemAt } from "../../core/arrays";
import { touchUsageMonths } from "./ledgerParts";

/** The months of these `appId|day` partitions: their materialized ledgers are stale once the rollups change. */
const monthsOf = (partitions: Iterable<string>) => new Set([...partitions].map((pk) => pk.slice(pk.lastIndexOf("|") + 1, pk.lastIndexOf("|") + 8)));

const PARALLEL_PARTITIONS = 8;
const MAX_ROUNDS = 5;

/**
 * Creates the facts not stored yet and says, per event, whether it was new: each identity is
 * claimed first (eventClaims.ts), and only the claimed version's fact is created; its document id
 * is its identity, so a redelivered one is a 409. An id repeated within the batch counts once.
 * A version other than the claimed one is a conflict, returned for quarantine.
 */
export async function writeEvents(
  c: Containers,
  events: readonly IncomingEvent[],
  receivedAt: number,
): Promise<{ inserted: boolean[]; ours: boolean[]; claimed: boolean[]; conflicts: IncomingQuarantine[] }> {
  const inserted = new Array<boolean>(events.length).fill(false);
  const first = new Map<string, number>();
  events.forEach((e, i) => {
    if (!first.has(e.id)) first.set(e.id, i);
  });
  const indexes = [...first.values()];
  const event = (i: number) => itemAt(events, i);
  const claims = await claimEvents(c, indexes.map(event), receivedAt);
  // A claim per first event of each identity, in order.
  const claimOf = new Map(indexes.map((i, k) => [event(i).id, itemAt(claims, k)]));
  // The claimed version is written (again: a fact already there answers 409); the same call read
  // with less of its records is a duplicate; any other content, a conflict.
  const isClaimed = (e: IncomingEvent) => claimOf.get(e.id)!.digest === eventDigest(e.event);
  const toCreate = indexes.filter((i) => isClaimed(event(i)));
  const created = await createEach(
    c.usage,
    toCreate.map((i) => toEventDoc(event(i), receivedAt)),
  );
  toCreate.forEach((i, k) => (inserted[i] = itemAt(created, k)));
  const ours = events.map(isClaimed);
  const claimed = events.map((e, i) => ours[i] || sameCall(claimOf.get(e.id)!.content, e.event));
  const conflicts = events.filter((_, i) => !claimed[i]).map((e) => conflictQuarantine(e, claimOf.get(e.id)!));
  return { inserted, ours, claimed, conflicts };
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
export async function recomputeRollups(c: Containers, pk: string, touched: ReadonlySet<string> | "all"): Promise<void> {
  const fields = ROLLUP_FIELDS.map((f) => `c.${f}`).join(", ");
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const events = await queryAll<RollupSource>(c.usage, `SELECT ${fields} FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    await upsertInPartition(
      c.usage,
      pk,
      summarise(pk, events).filter((d) => touched === "all" || touched.has(d.id)),
    );
    const [count] = await queryAll<number>(c.usage, `SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.kind = "event"`, { "@pk": pk }, pk);
    if (count === events.length) return;
  }
  throw new Error(`rollups of ${pk} kept changing while being recomputed; the batch will be retried`);
}

type DirtyDoc = { id: string; pk: string; kind: "dirty"; at: number };

/** Marks partitions as being written: a marker that outlives its writer gets them healed. */
export async function markDirty(c: Containers, partitions: readonly string[], at = Date.now()): Promise<DirtyDoc[]> {
  const markers = partitions.map((pk): DirtyDoc => ({ id: `dirty-${randomUUID()}`, pk, kind: "dirty", at }));
  await upsertEach(c.usage, markers);
  return markers;
}

/**
 * Partitions a write was interrupted in (its "dirty" marker outlived it by `olderThanMs`) get all
 * their rollups recomputed, then lose the marker: a batch that is never delivered again (an HTTP
 * request not retried) still ends up in its rollups.
 */
export async function healRollups(c: Containers, olderThanMs: number, now = Date.now()): Promise<number> {
  // Markers are few and only `kind` is indexed: their age is checked here.
  const dirty = (await queryAll<DirtyDoc>(c.usage, `SELECT * FROM c WHERE c.kind = "dirty"`)).filter((d) => d.at <= now - olderThanMs);
  const partitions = [...new Set(dirty.map((d) => d.pk))];
  await eachLimited(partitions, PARALLEL_PARTITIONS, (pk) => recomputeRollups(c, pk, "all"));
  await touchUsageMonths(c, monthsOf(partitions));
  await deleteEach(
    c.usage,
    dirty.map((d) => ({ id: d.id, partitionKey: d.pk })),
  );
  return partitions.length;
}

/**
 * A "dirty" marker in each partition the batch touches, then the facts, then the rollups each of
 * the batch's facts belongs to (duplicates included: a batch redelivered after a crash heals its
 * rollups), then the markers go; a crash leaves them for healRollups. Then the index of apps with
 * usage (`knownApps`: those this process has already written) and the quarantined lines.
 */
export async function saveUsageBatch(c: Containers, batch: UsageBatch, knownApps = new Set<string>()): Promise<UsageBatchResult> {
  const touched = new Map<string, Set<string>>();
  for (const e of batch.events) {
    const doc = toEventDoc(e, batch.receivedAt);
    const ids = touched.get(doc.pk) ?? new Set<string>();
    for (const id of rollupIdsOf(doc)) ids.add(id);
    touched.set(doc.pk, ids);
  }
  const markers = await markDirty(c, [...touched.keys()]);
  const { inserted, ours, claimed, conflicts } = await writeEvents(c, batch.events, batch.receivedAt);
  await eachLimited([...touched], PARALLEL_PARTITIONS, ([pk, ids]) => recomputeRollups(c, pk, ids));
  await touchUsageMonths(c, monthsOf(touched.keys()));
  await deleteEach(
    c.usage,
    markers.map((m) => ({ id: m.id, partitionKey: m.pk })),
  );
  await addIngestWarnings(c, batch.events, inserted, batch.receivedAt);
  const counted = batch.events.filter((_, i) => ours[i]);
  const apps = [...new Set(counted.map((e) => e.event.appId))].filter((a) => !knownApps.has(a));
  await upsertEach(
    c.reference,
    apps.map((appId) => ({ id: docId(appId), kind: "usageApp", appId })),
  );
  for (const a of apps) knownApps.add(a);
  const first = new Map<string, (typeof batch.quarantined)[number]>();
  const lines = [...batch.quarantined, ...conflicts];
  for (const q of lines) if (!first.has(q.id)) first.set(q.id, q); // the first line wins, as in SQLite
  const kept = await createEach(
    c.quarantine,
    [...first.values()].map((q) => quarantineDoc(q, batch.receivedAt)),
  );
  const quarantined = kept.filter(Boolean).length;
  return { inserted, conflicted: claimed.map((c) => !c), quarantined, quarantineDuplicates: lines.length - quarantined };
}

const PURGE_PAGE = 1_000;

/** Raw events of days before `before`, a page at a time (dry: counted only); their rollups stay, their claims go with them. */
export async function purgeEvents(c: Containers, before: string, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const [n] = await queryAll<number>(c.usage, `SELECT VALUE COUNT(1) FROM c WHERE c.kind = "event" AND c.day < @before`, { "@before": before });
    return n ?? 0;
  }
  const total = await purgeKind(c.usage, "event", before);
  await purgeKind(c.identities, "claim", before);
  return total;
}

async function purgeKind(container: Container, kind: "event" | "claim", before: string): Promise<number> {
  let total = 0;
  for (;;) {
    // Each identity is its own partition (`/id`); a fact's is `pk`.
    const page = await queryAll<{ id: string; pk?: string }>(container, `SELECT TOP ${PURGE_PAGE} c.id, c.pk FROM c WHERE c.kind = @kind AND c.day < @before`, {
      "@kind": kind,
      "@before": before,
    });
    if (page.length === 0) return total;
    await deleteEach(
      container,
      page.map((d) => ({ id: d.id, partitionKey: d.pk ?? d.id })),
    );
    total += page.length;
  }
}
