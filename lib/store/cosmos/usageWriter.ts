import type { IncomingEvent, IncomingQuarantine, UsageBatch, UsageBatchResult } from "../port";
import type { UsageEvent } from "../../events/usageEvent";
import { conflictQuarantine, eventDigest, sameCall } from "../../events/eventConflict";
import { type ClaimDoc, claimOf, claimsOfJournal, createClaims } from "./eventClaims";
import type { Container } from "@azure/cosmos";
import type { Containers } from "./containers";
import { createEach, deleteEach, docId, eachLimited, queryAll, upsertEach } from "./cosmosOps";
import { toEventDoc } from "./mappers";
import { summarise } from "./usageDocs";
import { type SheetDoc, commitRows, emptySheet, journalOf, readSheet, writeSheet } from "./rollupSheet";
import { quarantineDoc } from "./quarantine";
import { addIngestWarnings } from "./ingestWarnings";
import { itemAt } from "../../core/arrays";
import { TOKEN_DETAILS } from "../../pricing/billedTokens";
import { touchUsageMonths } from "./ledgerParts";

/** The months of these `appId|day` partitions: their materialized ledgers are stale once the rollups change. */
const monthsOf = (partitions: Iterable<string>) => new Set([...partitions].map((pk) => pk.slice(pk.lastIndexOf("|") + 1, pk.lastIndexOf("|") + 8)));

const PARALLEL_PARTITIONS = 8;
/**
 * A batch's lease on its partition: younger, its writer may be alive (others wait); older, anyone
 * settles it. Correctness does not rest on it (a late writer meets its fenced claims and gives up):
 * it only trades a crashed writer's stall against a slow writer being taken over and retried.
 */
export const LEASE_MS = 5_000;
const WAIT_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A claim keeps an absent optional field as null (its digest's canonical form); the event had none.
const OPTIONAL: readonly string[] = ["tags", "endUser", "errorCode", "serviceTier", ...TOKEN_DETAILS];
const eventOf = (content: ClaimDoc["content"]) =>
  Object.fromEntries(Object.entries(content).filter(([f, v]) => v !== null || !OPTIONAL.includes(f))) as unknown as UsageEvent;

/** The rollup rows of the facts these claims hold. */
const rowsOf = (claims: readonly ClaimDoc[]) =>
  summarise(claims.map((cl) => toEventDoc({ id: cl.eventId, source: cl.source, event: eventOf(cl.content) }, cl.receivedAt)));

/** A batch's lease on one app-day partition: its sequence number and the sheet as it stood. */
export type Lease = { pk: string; seq: number; sheet: SheetDoc; etag: string; claims: ClaimDoc[] };

/**
 * Step 1 of a partition's batch: waits out (or settles, once expired) another batch's lease, then
 * records this batch's journal in the sheet (the next sequence number and the claims it will
 * create) with `IfMatch`, so one batch at a time writes each app-day.
 */
export async function takeLease(c: Containers, pk: string, events: readonly IncomingEvent[], receivedAt: number, now = Date.now): Promise<Lease> {
  for (;;) {
    const { sheet, etag } = await readSheet(c.usage, pk);
    if (sheet?.pending) {
      if (now() - sheet.pending.at < LEASE_MS) await sleep(WAIT_MS);
      else await settle(c, sheet, etag!);
      continue;
    }
    const seq = (sheet?.seq ?? 0) + 1;
    const claims = events.map((e) => claimOf(e, receivedAt, journalOf(pk, seq)));
    const at = now();
    const leased: SheetDoc = { ...(sheet ?? emptySheet(pk)), pending: { seq, at, claims: claims.map((cl) => cl.id) }, pendingAt: at };
    const leaseEtag = await writeSheet(c.usage, leased, etag);
    if (leaseEtag) return { pk, seq, sheet: leased, etag: leaseEtag, claims };
  }
}

/**
 * Steps 2 and 3: creates the batch's claims (the facts), then adds the rows of the ones it created
 * to the sheet and closes the journal in one `IfMatch` replace: the commit point. A 412 there means
 * a writer settled this batch after its lease expired: it counted exactly the claims found (and
 * fenced the rest, which would have failed here), so the batch is counted all the same.
 */
export async function writeUnderLease(c: Containers, lease: Lease): Promise<{ created: boolean[]; claims: ClaimDoc[] }> {
  const result = await createClaims(c, lease.claims);
  const committed = commitRows(lease.sheet, rowsOf(lease.claims.filter((_, i) => result.created[i])), lease.seq);
  if (!(await writeSheet(c.usage, committed, lease.etag))) {
    const { sheet } = await readSheet(c.usage, lease.pk);
    if (!sheet || sheet.seq < lease.seq || sheet.pending?.seq === lease.seq)
      throw new Error(`the rollups of ${lease.pk} changed under batch ${lease.seq}; it will be retried`);
  }
  return result;
}

/**
 * Settles a batch whose writer vanished (its lease expired): counts the claims that batch created,
 * fences the ones it had not, and commits them as that batch. Another writer settling it at the same
 * time loses the `IfMatch` and changes nothing.
 */
async function settle(c: Containers, sheet: SheetDoc, etag: string): Promise<void> {
  const pending = sheet.pending!;
  const claims = await claimsOfJournal(c, pending.claims, journalOf(sheet.pk, pending.seq), sheet.day);
  await writeSheet(c.usage, commitRows(sheet, rowsOf(claims), pending.seq), etag);
}

/**
 * Batches abandoned for good (an HTTP request never retried, a worker that died and whose events
 * went elsewhere) are settled by the next writer of their partition, or here, at most once a minute
 * by any writer: sheets whose lease is older than `olderThanMs`. Returns how many were settled.
 */
export async function healRollups(c: Containers, olderThanMs: number, now = Date.now()): Promise<number> {
  const stale = await queryAll<{ pk: string }>(c.usage, `SELECT c.pk FROM c WHERE c.kind = "sheet" AND c.pendingAt <= @cutoff`, {
    "@cutoff": now - olderThanMs,
  });
  let settled = 0;
  await eachLimited(stale, PARALLEL_PARTITIONS, async ({ pk }) => {
    const { sheet, etag } = await readSheet(c.usage, pk);
    if (!sheet?.pending || sheet.pending.at > now - olderThanMs) return;
    await settle(c, sheet, etag!);
    settled++;
  });
  if (settled > 0) await touchUsageMonths(c, monthsOf(stale.map((s) => s.pk)));
  return settled;
}

/**
 * Groups the batch by app-day partition and writes each partition's part as one batch of it
 * (lease, claims, one sheet replace: no read of the partition's facts, one increment per rollup
 * key), up to 8 partitions at once. An identity repeated within the batch is written once. Then the
 * usage versions of the months touched, the warnings of new events, the index of apps with usage
 * (`knownApps`: those this process has already written) and the quarantined lines.
 */
export async function saveUsageBatch(c: Containers, batch: UsageBatch, knownApps = new Set<string>()): Promise<UsageBatchResult> {
  const first = new Map<string, number>();
  batch.events.forEach((e, i) => {
    if (!first.has(e.id)) first.set(e.id, i);
  });
  const byPartition = new Map<string, number[]>();
  for (const i of first.values()) {
    const { pk } = toEventDoc(itemAt(batch.events, i), batch.receivedAt);
    byPartition.set(pk, [...(byPartition.get(pk) ?? []), i]);
  }
  const standing = new Map<string, { created: boolean; claim: ClaimDoc }>();
  await eachLimited([...byPartition], PARALLEL_PARTITIONS, async ([pk, indexes]) => {
    const events = indexes.map((i) => itemAt(batch.events, i));
    const { created, claims } = await writeUnderLease(c, await takeLease(c, pk, events, batch.receivedAt));
    events.forEach((e, k) => standing.set(e.id, { created: itemAt(created, k), claim: itemAt(claims, k) }));
  });
  await touchUsageMonths(c, monthsOf(byPartition.keys()));
  const inserted = batch.events.map((e, i) => first.get(e.id) === i && standing.get(e.id)!.created);
  // The counted version's content decides: the same call read with less of its records is a duplicate; any other content, a conflict.
  const ours = batch.events.map((e) => standing.get(e.id)!.claim.digest === eventDigest(e.event));
  const claimed = batch.events.map((e, i) => ours[i] || sameCall(standing.get(e.id)!.claim.content, e.event));
  const conflicts = batch.events.filter((_, i) => !claimed[i]).map((e) => conflictQuarantine(e, standing.get(e.id)!.claim));
  await addIngestWarnings(c, batch.events, inserted, batch.receivedAt);
  const counted = batch.events.filter((_, i) => ours[i]);
  const apps = [...new Set(counted.map((e) => e.event.appId))].filter((a) => !knownApps.has(a));
  await upsertEach(
    c.reference,
    apps.map((appId) => ({ id: docId(appId), kind: "usageApp", appId })),
  );
  for (const a of apps) knownApps.add(a);
  const firstLine = new Map<string, IncomingQuarantine>();
  const lines = [...batch.quarantined, ...conflicts];
  for (const q of lines) if (!firstLine.has(q.id)) firstLine.set(q.id, q); // the first line wins, as in SQLite
  const kept = await createEach(
    c.quarantine,
    [...firstLine.values()].map((q) => quarantineDoc(q, batch.receivedAt)),
  );
  const quarantined = kept.filter(Boolean).length;
  return { inserted, conflicted: claimed.map((cl) => !cl), quarantined, quarantineDuplicates: lines.length - quarantined };
}

const PURGE_PAGE = 1_000;

/**
 * Facts of days before `before`, a page at a time (dry: counted only); their rollups stay. The
 * facts are the claims (void ones are not counted); facts of the `usage` container are those an
 * earlier version of the store wrote there, dropped the same way.
 */
export async function purgeEvents(c: Containers, before: string, dryRun: boolean): Promise<number> {
  if (dryRun) {
    const count = async (container: Container, where: string) =>
      (await queryAll<number>(container, `SELECT VALUE COUNT(1) FROM c WHERE ${where} AND c.day < @before`, { "@before": before }))[0] ?? 0;
    return (await count(c.identities, `c.kind = "claim" AND NOT IS_DEFINED(c.void)`)) + (await count(c.usage, `c.kind = "event"`));
  }
  const legacy = await purgeKind(c.usage, "event", before);
  return legacy + (await purgeKind(c.identities, "claim", before));
}

/** Deletes documents of one kind of days before `before`; returns how many facts went (void claims are none). */
async function purgeKind(container: Container, kind: "event" | "claim", before: string): Promise<number> {
  let total = 0;
  for (;;) {
    // Each identity is its own partition (`/id`); a legacy fact's is `pk`.
    const page = await queryAll<{ id: string; pk?: string; void?: true }>(
      container,
      `SELECT TOP ${PURGE_PAGE} c.id, c.pk, c.void FROM c WHERE c.kind = @kind AND c.day < @before`,
      { "@kind": kind, "@before": before },
    );
    if (page.length === 0) return total;
    await deleteEach(
      container,
      page.map((d) => ({ id: d.id, partitionKey: d.pk ?? d.id })),
    );
    total += page.filter((d) => !d.void).length;
  }
}
