import { readUnmappedUsage } from "./storedReports";
import type { LedgerReader } from "../ledger/ledgerReader";
import { dayBefore, monthDays } from "../core/months";
import { formatCents } from "../core/money";
import type { DirectoryEntry } from "../identity/directoryEntry";
import { readUncovered } from "./monthFigures";
import type { OrgMapping } from "../org/orgMapping";
import { itemAt } from "../core/arrays";

export type Suggestion = { costCenter: string; businessUnit: string; because: string };
export type UnmappedApp = { appId: string; appName: string; cost: string; requests: number; firstDay: string; lastDay: string; suggestion: Suggestion | null };

/** Apps with usage no mapping covers in these months, the most unattributed cost first. */
export async function unmappedQueue(reader: LedgerReader, months: readonly string[]): Promise<UnmappedApp[]> {
  // Each month's unmapped usage per app, stored with the month's reports: no line of the months is read.
  const [all, { mappings, apps: names }, directory] = await Promise.all([
    Promise.all(months.map((m) => readUnmappedUsage(reader, m))),
    reader.catalog(),
    reader.store.listDirectoryEntries(),
  ]);
  const uncovered = (await Promise.all(months.map((m) => readUncovered(reader, m)))).flat();
  const apps = new Map<string, { appName: string; cents: bigint; requests: number; firstDay: string; lastDay: string; seen: boolean }>();
  for (const [i, usage] of all.entries()) {
    const { from, to } = monthDays(itemAt(months, i));
    // A rule's unallocated part is the rule's to fix (on its statement line), not a missing mapping: not in it.
    for (const u of usage) {
      // Until its own days are known: an idle capacity line has no usage days, only months.
      const app = apps.get(u.appId) ?? { appName: u.appName, cents: 0n, requests: 0, firstDay: from, lastDay: "", seen: false };
      app.lastDay = dayBefore(to);
      app.cents += u.cents;
      app.requests += u.requests;
      apps.set(u.appId, app);
    }
  }
  // Each month's first and last day of the app's usage no mapping or rule covers.
  for (const [appId, firstDay, lastDay] of uncovered) {
    const app = apps.get(appId);
    if (!app) continue;
    if (!app.seen || firstDay < app.firstDay) app.firstDay = firstDay;
    if (!app.seen || lastDay > app.lastDay) app.lastDay = lastDay;
    app.seen = true;
  }
  const suggest = suggester(mappings, directory, new Map(names.map((a) => [a.appId, a.displayName])));
  return [...apps]
    .sort(([, a], [, b]) => (a.cents === b.cents ? 0 : a.cents > b.cents ? -1 : 1))
    .map(([appId, a]) => ({
      appId,
      appName: a.appName,
      cost: formatCents(a.cents),
      requests: a.requests,
      firstDay: a.firstDay,
      lastDay: a.lastDay,
      suggestion: suggest(appId),
    }));
}

/** Where an app probably belongs: where another app of one of its owners (from Graph) is mapped now. */
function suggester(mappings: readonly OrgMapping[], directory: readonly DirectoryEntry[], names: ReadonlyMap<string, string>) {
  const current = new Map(mappings.filter((m) => m.validTo === null).map((m) => [m.appId, m]));
  const appsOf = new Map<string, { appId: string; owner: string }[]>();
  for (const e of directory) {
    if (e.status !== "found") continue;
    for (const o of e.owners) appsOf.set(o.id, [...(appsOf.get(o.id) ?? []), { appId: e.appId, owner: o.displayName }]);
  }
  return (appId: string): Suggestion | null => {
    const entry = directory.find((e) => e.appId === appId);
    if (entry?.status !== "found") return null;
    for (const owner of entry.owners) {
      const sibling = (appsOf.get(owner.id) ?? []).find((a) => a.appId !== appId && current.has(a.appId));
      if (sibling) {
        const m = current.get(sibling.appId)!;
        return { costCenter: m.costCenter, businessUnit: m.businessUnit, because: `${sibling.owner} also owns ${names.get(sibling.appId) ?? sibling.appId}` };
      }
    }
    return null;
  };
}
