import { OUTCOMES, type CallOutcome } from "../events/callOutcome";
import { Attribution } from "../allocation/attribution";
import type { LedgerReader } from "../ledger/ledgerReader";
import { monthDays } from "../core/months";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";

/** One app's calls of a month by outcome; `usageUnknown` are billed calls that reported no tokens (not priced, not zero). */
export type AppCalls = { appId: string; name: string; requests: number; usageUnknown: number } & Record<CallOutcome, number>;
export type CallOutcomes = { requests: number; failed: number; usageUnknown: number; apps: AppCalls[] };

const FAILED: CallOutcome[] = ["throttled", "filtered", "error", "cutOff", "timeout"];

/**
 * A month's calls per app and outcome (docs/tags-and-outcomes.md): the failed-call volume every
 * report shows, and the count of billed calls whose cost is unknown. Scoped like the report: an
 * app's calls on a day count for the unit it was mapped to that day (each unit its split rule
 * charges, for a split app: calls are not money); unmapped apps only unscoped.
 * Apps with only successful, priced calls are left out.
 */
export async function getCallOutcomes(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS, onlyApp?: string): Promise<CallOutcomes> {
  const [groups, { apps }] = await Promise.all([
    onlyApp === undefined ? monthCallGroups(reader, month) : appCallGroups(reader, month, onlyApp),
    reader.catalog(),
  ]);
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  const byApp = new Map<string, AppCalls>();
  for (const g of groups) {
    if (onlyApp !== undefined && g.appId !== onlyApp) continue;
    if (!g.units.some((unit) => (unit === "" ? scope.units === "all" : includesUnit(scope, unit)))) continue;
    const app = byApp.get(g.appId) ?? { appId: g.appId, name: names.get(g.appId) ?? g.appId, requests: 0, usageUnknown: 0, ...zeroes() };
    app.requests += g.requests;
    for (const o of OUTCOMES) app[o] += g.outcomes[o];
    app.usageUnknown += g.usageUnknown;
    byApp.set(g.appId, app);
  }
  const failedOf = (a: AppCalls) => FAILED.reduce((n, o) => n + a[o], 0);
  const list = [...byApp.values()]
    .filter((a) => failedOf(a) > 0 || a.usageUnknown > 0)
    .sort((a, b) => failedOf(b) - failedOf(a) || a.appId.localeCompare(b.appId));
  const all = [...byApp.values()];
  return {
    requests: all.reduce((n, a) => n + a.requests, 0),
    failed: all.reduce((n, a) => n + failedOf(a), 0),
    usageUnknown: all.reduce((n, a) => n + a.usageUnknown, 0),
    apps: list,
  };
}

const monthCallGroups = (reader: LedgerReader, month: string) => reader.figures(month).part("calls", () => callGroups(reader, month));

/** One app's groups, stored apart (every app's from one pass): an app's page decodes its own, not the month's thousands. */
const appCallGroups = (reader: LedgerReader, month: string, appId: string) =>
  reader.figures(month).keyedPart(
    "appCalls",
    appId,
    async () => {
      const byApp = new Map<string, CallGroup[]>();
      for (const g of await monthCallGroups(reader, month)) {
        const groups = byApp.get(g.appId);
        if (groups) groups.push(g);
        else byApp.set(g.appId, [g]);
      }
      return byApp;
    },
    [] as CallGroup[],
  );

/** Calls of the month per app and the units that carry them (a day's units, for a split app): what any scope's counts are summed from. */
type CallGroup = { appId: string; units: string[]; requests: number; usageUnknown: number; outcomes: Record<CallOutcome, number> };

async function callGroups(reader: LedgerReader, month: string): Promise<CallGroup[]> {
  const { from, to } = monthDays(month);
  const [rows, { mappings, splitRules: rules }] = await Promise.all([reader.store.listDailyOutcomes(from, to), reader.catalog()]);
  // Outcomes are per app, not deployment: an app's own split rule applies, a deployment's cannot.
  const attribution = new Attribution(mappings, rules);
  const groups = new Map<string, CallGroup>();
  for (const r of rows) {
    const units = attribution.unitsOn(r.appId, "", r.day);
    const key = `${r.appId}\u0000${units.join("\u0000")}`;
    const group = groups.get(key) ?? { appId: r.appId, units, requests: 0, usageUnknown: 0, outcomes: zeroes() };
    group.requests += r.requests;
    group.outcomes[r.outcome] += r.requests;
    group.usageUnknown += r.usageUnknown;
    groups.set(key, group);
  }
  return [...groups.values()];
}

const zeroes = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;
