import type { SourceActivity } from "../port";
import { warningSource } from "../../events/warningSource";
import type { Containers } from "./containers";
import { queryAll } from "./cosmosOps";

/**
 * Events received per source since `since`: each counted event is its identity's claim
 * (eventClaims.ts), so the window's claims are read (a number and a source each; void claims have
 * no receipt) and grouped here, as Cosmos has no GROUP BY. The page asks for a day at most.
 */
export async function listSourceActivity(c: Containers, since: number, recentSince: number): Promise<SourceActivity[]> {
  const rows = await queryAll<{ source: string; receivedAt: number }>(
    c.identities,
    "SELECT c.source, c.receivedAt FROM c WHERE c.kind = 'claim' AND c.receivedAt >= @since",
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
