import { monthLines } from "../reports/getChargebackReport";
import { monthDays } from "../reports/month";
import { formatCents } from "../pricing/money";
import type { UsageStore } from "../store/port";
import { OrgDirectory } from "./orgMapping";

export type UnmappedApp = { appId: string; appName: string; cost: string; requests: number; firstDay: string; lastDay: string };

/** Apps with usage no mapping covers in these months, the most unattributed cost first. */
export async function unmappedQueue(store: UsageStore, months: readonly string[]): Promise<UnmappedApp[]> {
  const [all, mappings, usage] = await Promise.all([
    Promise.all(months.map((m) => monthLines(store, m))),
    store.listOrgMappings(),
    store.listDailyUsage(monthDays(months[0]).from, monthDays(months.at(-1)!).to),
  ]);
  const apps = new Map<string, { appName: string; cents: bigint; requests: number; firstDay: string; lastDay: string }>();
  for (const { lines } of all) {
    for (const l of lines) {
      if (l.businessUnit !== "" || l.kind !== "usage") continue;
      const app = apps.get(l.appId) ?? { appName: l.appName, cents: 0n, requests: 0, firstDay: "9999-12-31", lastDay: "" };
      app.cents += l.cents;
      app.requests += l.tokens.requests;
      apps.set(l.appId, app);
    }
  }
  const org = new OrgDirectory(mappings);
  for (const u of usage) {
    const app = apps.get(u.appId);
    if (!app || org.on(u.appId, u.day)) continue;
    if (u.day < app.firstDay) app.firstDay = u.day;
    if (u.day > app.lastDay) app.lastDay = u.day;
  }
  return [...apps]
    .sort(([, a], [, b]) => (a.cents === b.cents ? 0 : a.cents > b.cents ? -1 : 1))
    .map(([appId, a]) => ({ appId, appName: a.appName, cost: formatCents(a.cents), requests: a.requests, firstDay: a.firstDay, lastDay: a.lastDay }));
}
