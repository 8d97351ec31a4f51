import { warningSource } from "../../events/warningSource";
import type { IncomingEvent, IngestWarning } from "../port";
import type { Containers } from "./containers";
import { docId, eachLimited, queryAll, withoutMeta } from "./cosmosOps";

const KIND = "ingestWarning";
type WarningDoc = IngestWarning & { id: string; kind: typeof KIND };

/**
 * Adds the warnings of newly stored events to their (source, reason) counters in `reference`.
 * Counters are few and rarely written: each is read and replaced with its ETag, again on a race.
 */
export async function addIngestWarnings(c: Containers, events: readonly IncomingEvent[], inserted: readonly boolean[], receivedAt: number): Promise<void> {
  const sums = new Map<string, WarningDoc>();
  events.forEach(({ id, source, event }, i) => {
    if (!inserted[i] || !event.warnings) return;
    for (const reason of event.warnings) {
      const from = warningSource(source);
      const key = docId(KIND, from, reason);
      const doc = sums.get(key) ?? { id: key, kind: KIND, source: from, reason, count: 0, firstAt: receivedAt, lastAt: receivedAt, lastEventId: id };
      doc.count += 1;
      doc.lastEventId = id;
      sums.set(key, doc);
    }
  });
  await eachLimited([...sums.values()], 4, (doc) => addOne(c, doc));
}

async function addOne(c: Containers, add: WarningDoc): Promise<void> {
  for (;;) {
    const { resource, etag } = await c.reference.item(add.id, KIND).read<WarningDoc>();
    try {
      if (!resource) await c.reference.items.create(add);
      else {
        const next = {
          ...withoutMeta<IngestWarning>(resource as unknown as Record<string, unknown>, ["kind"]),
          id: add.id,
          kind: KIND,
          count: resource.count + add.count,
          lastAt: add.lastAt,
          lastEventId: add.lastEventId,
        };
        await c.reference.item(add.id, KIND).replace(next, { accessCondition: { type: "IfMatch", condition: etag! } });
      }
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 409 && code !== 412) throw error; // another writer got there first: read again
    }
  }
}

export async function listIngestWarnings(c: Containers): Promise<IngestWarning[]> {
  const docs = await queryAll<WarningDoc>(c.reference, `SELECT * FROM c WHERE c.kind = @kind`, { "@kind": KIND }, KIND);
  return docs
    .map((d) => withoutMeta<IngestWarning>(d as unknown as Record<string, unknown>, ["kind"]))
    .sort((a, b) => b.lastAt - a.lastAt || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}
