import type { DeliveryOutcome, OutgoingNotification, StoredNotification } from "../../notifications/notification";
import type { Containers } from "./containers";
import { createEach, docId, queryAll } from "./cosmosOps";

type NotificationDoc = Omit<StoredNotification, "kind"> & { id: string; kind: "notification"; type: StoredNotification["kind"] };

const idOf = (key: string) => docId("notification", key);
const isCode = (error: unknown, code: number) => (error as { code?: unknown }).code === code;
// `kind` names the document type in `identities`; the notification's own kind travels as `type`.
const fromDoc = ({ id: _id, kind: _doc, type, ...n }: NotificationDoc): StoredNotification => ({ ...n, kind: type });

/**
 * The outbox in `identities`, each notification its own logical partition keyed by its key: a
 * create that meets 409 is a key already told. A claim replaces the document only if nobody
 * changed it since it was read (IfMatch), so of two workers one wins.
 */
export async function enqueueNotifications(c: Containers, notifications: readonly OutgoingNotification[]): Promise<number> {
  const docs: NotificationDoc[] = notifications.map(({ kind, ...n }) => ({
    ...n,
    id: idOf(n.key),
    kind: "notification",
    type: kind,
    status: "pending",
    attempts: 0,
    dueAt: n.createdAt,
    sentAt: null,
    lastError: null,
  }));
  return (await createEach(c.identities, docs)).filter(Boolean).length;
}

// Only `kind` is indexed in `identities`: pending and due are picked from every notification here.
const listAll = (c: Containers) => queryAll<NotificationDoc>(c.identities, "SELECT * FROM c WHERE c.kind = 'notification'");

export async function claimDueNotifications(c: Containers, at: number, leaseMs: number, limit: number): Promise<StoredNotification[]> {
  const due = (await listAll(c))
    .filter((d) => d.status === "pending" && d.dueAt <= at)
    .sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1))
    .slice(0, limit);
  const claimed: StoredNotification[] = [];
  for (const d of due) {
    const { resource, etag } = await c.identities.item(d.id, d.id).read<NotificationDoc>();
    if (resource?.status !== "pending" || resource.dueAt > at) continue;
    const next = { ...resource, dueAt: at + leaseMs };
    try {
      await c.identities.item(d.id, d.id).replace(next, { accessCondition: { type: "IfMatch", condition: etag } });
      claimed.push(fromDoc(next));
    } catch (error) {
      if (!isCode(error, 412)) throw error;
    }
  }
  return claimed;
}

export async function saveDeliveryOutcome(c: Containers, key: string, outcome: DeliveryOutcome): Promise<void> {
  const id = idOf(key);
  const { resource } = await c.identities.item(id, id).read<NotificationDoc>();
  if (!resource || resource.status === "sent") return;
  const next: NotificationDoc = outcome.sent
    ? { ...resource, status: "sent", attempts: resource.attempts + 1, sentAt: outcome.at, lastError: null }
    : { ...resource, attempts: resource.attempts + 1, dueAt: outcome.retryAt, lastError: outcome.error };
  await c.identities.item(id, id).replace(next);
}

export async function listNotifications(c: Containers, limit: number): Promise<StoredNotification[]> {
  return (await listAll(c))
    .sort((a, b) => b.createdAt - a.createdAt || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
    .map(fromDoc);
}
