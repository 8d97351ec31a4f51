import { now as clockNow } from "../core/clock";
import type { UsageStore } from "../store/port";
import type { DirectoryEntry } from "./directoryEntry";

export const DEFAULT_REFRESH_MS = 24 * 60 * 60 * 1000;

export type SyncSummary = { apps: number; checked: number; found: number; unknown: number; notReached: number };

/**
 * Looks up every app id seen in usage or mappings that has no directory entry yet, or one older
 * than `refreshAfterMs`, and keeps what Graph says; found apps take their service principal's
 * name. Ids Graph could not answer for stay due and are tried at the next sync.
 */
export async function syncDirectory(
  store: UsageStore,
  lookUp: (appIds: string[]) => Promise<DirectoryEntry[]>,
  { refreshAfterMs = DEFAULT_REFRESH_MS, now = clockNow() } = {},
): Promise<SyncSummary> {
  const [seen, mappings, known] = await Promise.all([store.listUsageAppIds(), store.listOrgMappings(), store.listDirectoryEntries()]);
  const apps = [...new Set([...seen, ...mappings.map((m) => m.appId)])].sort();
  const syncedAt = new Map(known.map((e) => [e.appId, e.syncedAt]));
  const due = apps.filter((appId) => (syncedAt.get(appId) ?? -Infinity) <= now - refreshAfterMs);
  const entries = (due.length > 0 ? await lookUp(due) : []).map((e) => ({ ...e, syncedAt: now }));
  await store.saveDirectoryEntries(entries);
  const named = entries.flatMap((e) => (e.status === "found" ? [{ appId: e.appId, displayName: e.displayName }] : []));
  if (named.length > 0) await store.saveApps(named);
  return {
    apps: apps.length,
    checked: due.length,
    found: named.length,
    unknown: entries.filter((e) => e.status === "unknown").length,
    notReached: due.length - entries.length,
  };
}
