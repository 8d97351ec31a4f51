import type Database from "better-sqlite3";
import type { DeliveryOutcome, OutgoingNotification, StoredNotification } from "../../notifications/notification";

type Row = Omit<StoredNotification, "facts" | "createdAt" | "dueAt" | "sentAt"> & { facts: string; createdAt: bigint; dueAt: bigint; sentAt: bigint | null };

const toNotification = (r: Row): StoredNotification => ({
  ...r,
  facts: JSON.parse(r.facts) as Record<string, string>,
  attempts: Number(r.attempts),
  createdAt: Number(r.createdAt),
  dueAt: Number(r.dueAt),
  sentAt: r.sentAt === null ? null : Number(r.sentAt),
});

/**
 * The outbox in the `Notification` table. The key is its primary key, so INSERT OR IGNORE keeps
 * the first message of a key; a claim is an UPDATE that only one caller's WHERE still matches.
 */
export function createNotificationTable(db: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const sql = (text: string) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = db.prepare(text)));
    return s;
  };
  return {
    enqueue(notifications: readonly OutgoingNotification[]): number {
      const insert = sql(
        `INSERT OR IGNORE INTO Notification (key, kind, channel, recipient, subject, text, link, facts, createdAt, status, attempts, dueAt, sentAt, lastError)
         VALUES (@key, @kind, @channel, @recipient, @subject, @text, @link, @facts, @createdAt, 'pending', 0, @createdAt, NULL, NULL)`,
      );
      return db.transaction(() => notifications.reduce((added, n) => added + insert.run({ ...n, facts: JSON.stringify(n.facts) }).changes, 0))();
    },
    claim(at: number, leaseMs: number, limit: number): StoredNotification[] {
      const due = sql("SELECT key FROM Notification WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt, key LIMIT ?").pluck().all(at, limit) as string[];
      const take = sql("UPDATE Notification SET dueAt = ? WHERE key = ? AND status = 'pending' AND dueAt <= ?");
      const claimed = due.filter((key) => take.run(at + leaseMs, key, at).changes === 1);
      const read = sql("SELECT * FROM Notification WHERE key = ?").safeIntegers(true);
      return claimed.map((key) => toNotification(read.get(key) as Row));
    },
    record(key: string, outcome: DeliveryOutcome): void {
      if (outcome.sent)
        sql("UPDATE Notification SET status = 'sent', attempts = attempts + 1, sentAt = ?, lastError = NULL WHERE key = ?").run(outcome.at, key);
      else
        sql("UPDATE Notification SET attempts = attempts + 1, dueAt = ?, lastError = ? WHERE key = ? AND status = 'pending'").run(
          outcome.retryAt,
          outcome.error,
          key,
        );
    },
    list(limit: number): StoredNotification[] {
      return (sql("SELECT * FROM Notification ORDER BY createdAt DESC, key LIMIT ?").safeIntegers(true).all(limit) as Row[]).map(toNotification);
    },
  };
}
