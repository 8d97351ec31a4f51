import type Database from "better-sqlite3";
import type { SourceActivity } from "../port";
import { warningSource } from "../../events/warningSource";

/**
 * Events received per source since `since`. SQLite groups by the source without its trailing
 * digits (so one row per file or partition, not per line); the separator is dropped here.
 */
export function listSourceActivity(db: Database.Database, since: number, recentSince: number): SourceActivity[] {
  const rows = db
    .prepare(
      `SELECT MIN(source) AS sample, MAX(receivedAt) AS last, SUM(receivedAt >= ?) AS recent
       FROM UsageEvent WHERE receivedAt >= ? GROUP BY rtrim(source, '0123456789')`,
    )
    .all(recentSince, since) as { sample: string; last: number | bigint; recent: number | bigint }[];
  const bySource = new Map<string, SourceActivity>();
  for (const r of rows) {
    const source = warningSource(r.sample);
    const seen = bySource.get(source);
    const last = Number(r.last);
    const recent = Number(r.recent);
    bySource.set(
      source,
      seen ? { source, lastReceivedAt: Math.max(seen.lastReceivedAt, last), recent: seen.recent + recent } : { source, lastReceivedAt: last, recent },
    );
  }
  return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
