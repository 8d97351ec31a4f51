import type { PreparedBatch } from "../../../lib/events/processUsageBatch";
import { UsageEvent } from "../../../lib/events/usageEvent";

// Objects cross threads by structured clone, which spells out every key of every object and
// costs the receiving thread far more than flat arrays do, so events travel as tuples.
const FIELDS = Object.keys(UsageEvent.shape) as (keyof UsageEvent)[];

export type WireBatch = { events: unknown[][]; quarantined: PreparedBatch["quarantined"] };

export function toWire({ events, quarantined }: PreparedBatch): WireBatch {
  return { events: events.map(({ id, source, event }) => [id, source, ...FIELDS.map((f) => event[f])]), quarantined };
}

export function fromWire({ events, quarantined }: WireBatch): PreparedBatch {
  return {
    events: events.map((row) => {
      const event = {} as Record<string, unknown>;
      for (const [i, field] of FIELDS.entries()) event[field] = row[i + 2];
      return { id: row[0] as string, source: row[1] as string, event: event as UsageEvent };
    }),
    quarantined,
  };
}
