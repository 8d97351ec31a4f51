import { now as clockNow } from "../core/clock";
import type { UsageStore } from "../store/port";
import type { DirectoryEntry } from "./directoryEntry";

export const DEFAULT_REFRESH_MS = 24 * 60 * 60 * 1000;

/** `keptNames`: apps Graph named before and now says it does not know, which keep their entry. */
export type SyncSummary = { apps: number; checked: number; found: number; unknown: number; keptNames: number; notReached: number };

/**
 * Looks up every app id seen in usage or mappings that has no directory entry yet, or one older
 * than `refreshAfterMs`, and keeps what Graph says; found apps take their service principal's
 * name. Ids Graph could not answer for stay due and are tried at the next sync. An app Graph named
 * before keeps its entry when Graph now answers 404 (a replication delay, a permission lost, an
 * outage answering 404 for everything): names are never taken away by one answer, and it stays due.
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
  const wasFound = new Set(known.filter((e) => e.status === "found").map((e) => e.appId));
  const answered = (due.length > 0 ? await lookUp(due) : []).map((e) => ({ ...e, syncedAt: now }));
  const entries = answered.filter((e) => e.status === "found" || !wasFound.has(e.appId));
  await store.saveDirectoryEntries(entries);
  const named = entries.flatMap((e) => (e.status === "found" ? [{ appId: e.appId, displayName: e.displayName }] : []));
  if (named.length > 0) await store.saveApps(named);
  return {
    apps: apps.length,
    checked: due.length,
    found: named.length,
    unknown: entries.filter((e) => e.status === "unknown").length,
    keptNames: answered.length - entries.length,
    notReached: due.length - answered.length,
  };
}
