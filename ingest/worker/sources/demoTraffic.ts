import { now as clockNow } from "../../../lib/core/clock";
import { guid, seededRandom } from "../demo/random";
import { demoEventLine } from "../demo/demoEvents";
import { demoOrganisation } from "../demo/demoOrganisation";
import type { SourceLine } from "../../../lib/events/processUsageBatch";

/** Live demo traffic: a batch of gateway events "now", every time it is asked. */
export function createDemoTraffic(eventsPerTick: number): () => SourceLine[] {
  const { apps } = demoOrganisation();
  const totalWeight = apps.reduce((sum, a) => sum + a.weight, 0);
  // Seeded from the real time, pinned clock or not: each run needs event ids of its own.
  const random = seededRandom(Date.now() % 2 ** 32);
  const run = guid(random);
  let sequence = 0;
  return () => {
    const now = clockNow();
    return Array.from({ length: eventsPerTick }, () => {
      const text = demoEventLine(random, apps, totalWeight, now);
      const id = `demo:${run}:${sequence++}`;
      return { text, source: id, id };
    });
  };
}
