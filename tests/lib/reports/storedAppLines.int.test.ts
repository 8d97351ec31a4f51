import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { appRangeLines } from "../../../lib/reports/appRangeLines";
import { filteredRangeLines } from "../../../lib/reports/filteredRangeLines";
import type { ReportFilters } from "../../../lib/reports/reportFilters";
import { appModelOptions } from "../../../lib/reports/appModelOptions";
import { appVisible } from "../../../lib/reports/appVisibility";
import { filterOptions } from "../../../lib/reports/filterOptions";
import { getCallOutcomes } from "../../../lib/reports/getCallOutcomes";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { reportFromLines } from "../../../lib/reports/getChargebackReport";
import { ALL_UNITS, onlyUnits, type ReportScope } from "../../../lib/reports/reportScope";
import { readAppLines } from "../../../lib/reports/storedAppLines";
import { storedReports } from "../../../lib/reports/storedReports";
import { monthLines } from "../../../lib/statements/monthLines";
import type { UsageStore } from "../../../lib/store/port";
import { counted } from "../../support/countedStore";
import { ingestLines, v1Event } from "../../support/ingest";
import { events, octoberAndNovember } from "../../support/twoMonths";

const MONTH = "2026-10";
const OCTOBER = { from: "2026-10-01", to: "2026-11-01" };
const SCOPES: ReportScope[] = [ALL_UNITS, onlyUnits(["Retail"]), onlyUnits(["Marketing"])];

/**
 * What the app page shows, for each app and scope: from its stored lines (as the page reads them)
 * and from the month's lines filtered to the app (as it read them before), side by side.
 */
async function bothWays(store: UsageStore) {
  const month = await monthLines(new LedgerReader(store), MONTH);
  const appIds = [...new Set(month.lines.map((l) => l.appId))].sort();
  expect(appIds.length).toBeGreaterThan(1);
  const reader = new LedgerReader(store);
  const catalog = await reader.catalog();
  const views = [];
  for (const appId of appIds) {
    const stored = await readAppLines(reader, MONTH, appId);
    const fromMonth = month.lines.filter((l) => l.appId === appId);
    for (const scope of SCOPES) {
      const view = (lines: typeof fromMonth) => ({
        visible: appVisible(appId, OCTOBER, lines, catalog, scope),
        options: { ...filterOptions({ lines }, scope), models: appModelOptions(lines, scope) },
        byModel: reportFromLines({ ...month, lines }, "model", scope),
        byCostCenter: reportFromLines({ ...month, lines }, "cost-center", scope),
      });
      views.push({
        appId,
        stored: { ...view(stored.lines), currency: stored.currency, closed: stored.closed },
        fromMonth: { ...view(fromMonth), currency: month.currency, closed: month.closed !== null },
      });
    }
    // The app report's cost is the app's row in the month's report by app, to the unit.
    const report = await getAppReport(reader, appId, MONTH, ALL_UNITS);
    expect(report?.total).toBe(reportFromLines(month, "app", ALL_UNITS).rows.find((r) => r.key === appId)?.cost);
  }
  return views;
}

describe("each app's lines stored with the month's reports", () => {
  it("give the app page the same visibility, filter options and cost, to the 10^-18, as the month's lines, and are read stored", async () => {
    const store = await octoberAndNovember();
    const views = await bothWays(store);
    for (const v of views) expect(v.stored).toEqual(v.fromMonth);
    // Stored now: a later reader takes the app's few lines and never prices the month again.
    const { store: watched, named } = counted(store);
    const reader = new LedgerReader(watched);
    expect(await storedReports(reader, MONTH).isCurrent(`appLines:${JSON.stringify("app-1")}`)).toBe(true);
    const lines = await readAppLines(reader, MONTH, "app-1");
    expect(lines.lines.length).toBeGreaterThan(0);
    expect(named("listDailyUsage")).toEqual([]);
  });

  it("are built again after a mapping change or new usage, not read stale", async () => {
    const store = await octoberAndNovember();
    const before = await bothWays(store);
    // app-1 moves to Marketing before its October usage; then more of its usage arrives.
    await importOrgMappings(
      store,
      "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2020-01-01,2026-10-05\napp-1,CC-2,Marketing,2026-10-05,\n",
      "move.csv",
    );
    const current = () => storedReports(new LedgerReader(store), MONTH).isCurrent(`appLines:${JSON.stringify("app-1")}`);
    expect(await current()).toBe(false);
    const after = await bothWays(store);
    for (const v of after) expect(v.stored).toEqual(v.fromMonth);
    await ingestLines(store, events("app-1", "2026-10-20", 50));
    expect(await current()).toBe(false);
    for (const v of await bothWays(store)) expect(v.stored).toEqual(v.fromMonth);
    // The change shows: Marketing now sees app-1, and its cost grew.
    const marketing = (views: typeof after) => views.find((v) => v.appId === "app-1" && v.stored.options.units.includes("Marketing"));
    expect(marketing(before)).toBeUndefined();
    expect(marketing(after)?.stored.visible).toBe(true);
  });

  it("give a period's and a filtered view of the app the same lines as the months' lines under the app's chip", async () => {
    const store = await octoberAndNovember();
    await ingestLines(
      store,
      Array.from({ length: 30 }, (_, i) => v1Event({ requestId: `tagged-${i}`, appId: "app-1", time: "2026-10-10T13:00:00Z", tags: { project: "hermes" } })),
    );
    const none: ReportFilters = { units: [], costCenters: [], apps: [], models: [], tags: [] };
    const views: [string[], ReportFilters][] = [
      [["2026-10", "2026-11"], none],
      [["2026-10"], { ...none, models: ["gpt-4o-2024-08-06"] }],
      [["2026-10"], { ...none, models: ["no-such-model"] }],
      [["2026-10", "2026-11"], { ...none, tags: [["project", "hermes"]] }],
    ];
    for (const [months, filters] of views) {
      for (const appId of ["app-1", "app-2"]) {
        const expected = await filteredRangeLines(new LedgerReader(store), months, { ...filters, apps: [appId] });
        expect(await appRangeLines(new LedgerReader(store), months, appId, filters)).toEqual(expected);
      }
    }
    const hermes = await appRangeLines(new LedgerReader(store), ["2026-10"], "app-1", { ...none, tags: [["project", "hermes"]] });
    expect(hermes.lines.reduce((n, l) => n + l.tokens.requests, 0)).toBe(30);
  });

  it("give an app's failed calls, stored apart, as the month's calls of every app show them, and follow a mapping change", async () => {
    const store = await octoberAndNovember();
    const failed = (appId: string, status: number, n: number) =>
      Array.from({ length: n }, (_, i) => v1Event({ requestId: `${appId}-${status}-${i}`, appId, time: "2026-10-10T14:00:00Z", status }));
    await ingestLines(store, [...failed("app-1", 429, 7), ...failed("app-2", 500, 3)]);
    const same = async () => {
      for (const scope of SCOPES) {
        const month = await getCallOutcomes(new LedgerReader(store), MONTH, scope);
        for (const appId of ["app-1", "app-2"]) {
          const one = await getCallOutcomes(new LedgerReader(store), MONTH, scope, appId);
          expect(one.apps).toEqual(month.apps.filter((a) => a.appId === appId));
        }
      }
    };
    await same();
    expect((await getCallOutcomes(new LedgerReader(store), MONTH, onlyUnits(["Retail"]), "app-1")).apps.map((a) => a.throttled)).toEqual([7]);
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-1,CC-2,Marketing,2020-01-01\n", "move.csv");
    await same();
    expect((await getCallOutcomes(new LedgerReader(store), MONTH, onlyUnits(["Retail"]), "app-1")).apps).toEqual([]);
  });
});
