import type { SourceActivity } from "../port";
import { warningSource } from "../../events/warningSource";
import type { Containers } from "./containers";
import { queryAll } from "./cosmosOps";

/**
 * Events received per source since `since`: Cosmos has no GROUP BY, so the window's receipts are
 * read (two numbers and a source each) and grouped here. The page asks for a day at most.
 */
export async function listSourceActivity(c: Containers, since: number, recentSince: number): Promise<SourceActivity[]> {
  const rows = await queryAll<{ source: string; receivedAt: number }>(
    c.usage,
    "SELECT c.source, c.receivedAt FROM c WHERE c.kind = 'event' AND c.receivedAt >= @since",
    { "@since": since },
  );
  const bySource = new Map<string, SourceActivity>();
  for (const r of rows) {
    const source = warningSource(r.source);
    const seen = bySource.get(source) ?? { source, lastReceivedAt: r.receivedAt, recent: 0 };
    bySource.set(source, { source, lastReceivedAt: Math.max(seen.lastReceivedAt, r.receivedAt), recent: seen.recent + (r.receivedAt >= recentSince ? 1 : 0) });
  }
  return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
