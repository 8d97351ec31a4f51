import type { SessionFilter, StoredSession } from "../port";
import type { Containers } from "./containers";
import { docId, queryAll } from "./cosmosOps";

/** `principals`: the principal and its groups, so one indexed ARRAY_CONTAINS finds a group's members' sessions. */
type SessionDoc = { id: string; kind: "session"; session: string; principals: string[]; revokedAt: number | null } & Omit<StoredSession, "id" | "revokedAt">;

const idOf = (session: string) => docId("session", session);
const isCode = (error: unknown, code: number) => (error as { code?: unknown }).code === code;

/**
 * Each session is its own logical partition of `identities` (read by id on every request). A
 * session seen again only moves `lastSeenAt` forward, so it can never undo a revocation.
 */
export async function saveSession(c: Containers, session: StoredSession): Promise<void> {
  const id = idOf(session.id);
  const doc: SessionDoc = {
    id,
    kind: "session",
    session: session.id,
    principalId: session.principalId,
    groups: session.groups,
    principals: [session.principalId, ...session.groups],
    startedAt: session.startedAt,
    lastSeenAt: session.lastSeenAt,
    revokedAt: null,
  };
  try {
    await c.identities.items.create(doc, { disableAutomaticIdGeneration: true });
    return;
  } catch (error) {
    if (!isCode(error, 409)) throw error;
  }
  // Only `lastSeenAt` is patched, so a revocation written meanwhile stands.
  const { resource } = await c.identities.item(id, id).read<SessionDoc>();
  if (resource && resource.lastSeenAt < session.lastSeenAt)
    await c.identities.item(id, id).patch([{ op: "set", path: "/lastSeenAt", value: session.lastSeenAt }]);
}

export async function findSession(c: Containers, session: string): Promise<StoredSession | null> {
  const id = idOf(session);
  const { resource } = await c.identities.item(id, id).read<SessionDoc>();
  if (!resource) return null;
  const { principalId, groups, startedAt, lastSeenAt, revokedAt } = resource;
  return { id: session, principalId, groups, startedAt, lastSeenAt, revokedAt: revokedAt ?? null };
}

export async function revokeSessions(c: Containers, filter: SessionFilter, at: number): Promise<number> {
  const ids =
    "sessionId" in filter
      ? [idOf(filter.sessionId)]
      : (
          await queryAll<{ id: string }>(
            c.identities,
            "SELECT c.id FROM c WHERE c.kind = 'session' AND ARRAY_CONTAINS(c.principals, @principal) AND IS_NULL(c.revokedAt)",
            { "@principal": filter.principalId },
          )
        ).map((d) => d.id);
  let revoked = 0;
  for (const id of ids) if (await revokeOne(c, id, at)) revoked++;
  return revoked;
}

/** Read, then patch only if nobody changed it since (IfMatch): of two racing revocations one counts. */
async function revokeOne(c: Containers, id: string, at: number): Promise<boolean> {
  for (;;) {
    const { resource, etag } = await c.identities.item(id, id).read<SessionDoc>();
    if (!resource || resource.revokedAt !== null) return false;
    try {
      await c.identities.item(id, id).patch([{ op: "set", path: "/revokedAt", value: at }], { accessCondition: { type: "IfMatch", condition: etag } });
      return true;
    } catch (error) {
      if (!isCode(error, 412)) throw error;
    }
  }
}
