import { now as clockNow } from "../core/clock";
import { loadConfig } from "../config/schema";
import { UserError } from "../core/errors";
import type { UsageStore } from "../store/port";

const DAY_MS = 86_400_000;

/**
 * The first UTC day whose raw events are kept, or null when they are kept for ever. Events of
 * earlier days are refused at ingest: their facts may be purged, so a redelivery could not be
 * told from an event already counted.
 */
export function retentionHorizon(now = clockNow(), days = loadConfig().CHARGEBACK_RETENTION_DAYS): string | null {
  return days === 0 ? null : new Date(now - days * DAY_MS).toISOString().slice(0, 10);
}

export type PurgeSummary = { before: string; dryRun: boolean; events: number; quarantined: number };

/** Deletes (or counts, dry) raw events and quarantined lines older than the retention window. */
export async function purgeRawData(
  store: UsageStore,
  { dryRun = false, now = clockNow(), days = loadConfig().CHARGEBACK_RETENTION_DAYS } = {},
): Promise<PurgeSummary> {
  const before = retentionHorizon(now, days);
  if (before === null) throw new UserError("no retention is configured: set CHARGEBACK_RETENTION_DAYS (30 or more) to purge raw events older than that");
  const counts = await store.purgeRawUsage(before, Date.parse(`${before}T00:00:00Z`), dryRun);
  return { before, dryRun, ...counts };
}
