import type Database from "better-sqlite3";
import type { SessionFilter, StoredSession } from "../port";

type SessionRow = {
  id: string;
  principalId: string;
  groups: string;
  startedAt: bigint | number;
  lastSeenAt: bigint | number;
  revokedAt: bigint | number | null;
};

/**
 * Sessions in the `Session` table; `groups` is a JSON array, searched with json_each when a group's
 * sessions are revoked. Statements are prepared on first use: opening the store must not need the table.
 */
export function createSessionTable(db: Database.Database) {
  const insert = lazy(
    db,
    `INSERT INTO Session (id, principalId, groups, startedAt, lastSeenAt, revokedAt) VALUES (@id, @principalId, @groups, @startedAt, @lastSeenAt, NULL)
     ON CONFLICT(id) DO UPDATE SET lastSeenAt = MAX(lastSeenAt, excluded.lastSeenAt)`,
  );
  const find = lazy(db, "SELECT * FROM Session WHERE id = ?");
  const revokeOne = lazy(db, "UPDATE Session SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL");
  const revokeOf = lazy(
    db,
    `UPDATE Session SET revokedAt = ? WHERE revokedAt IS NULL
       AND (principalId = ? OR EXISTS (SELECT 1 FROM json_each(Session.groups) WHERE json_each.value = ?))`,
  );
  return {
    save(session: StoredSession): void {
      insert().run({ ...session, groups: JSON.stringify(session.groups) });
    },
    find(id: string): StoredSession | null {
      const row = find().get(id) as SessionRow | undefined;
      if (!row) return null;
      return {
        id: row.id,
        principalId: row.principalId,
        groups: JSON.parse(row.groups) as string[],
        startedAt: Number(row.startedAt),
        lastSeenAt: Number(row.lastSeenAt),
        revokedAt: row.revokedAt === null ? null : Number(row.revokedAt),
      };
    },
    revoke(filter: SessionFilter, at: number): number {
      const result = "sessionId" in filter ? revokeOne().run(at, filter.sessionId) : revokeOf().run(at, filter.principalId, filter.principalId);
      return result.changes;
    },
  };
}

function lazy(db: Database.Database, sql: string): () => Database.Statement {
  let statement: Database.Statement | undefined;
  return () => (statement ??= db.prepare(sql));
}
