import { describe, expect, it } from "vitest";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { getChargebackReport, REPORT_DIMENSIONS } from "../../../lib/reports/getChargebackReport";
import { getDailyTrend } from "../../../lib/reports/getDailyTrend";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { END_USER, OTHER_END_USERS } from "../../../lib/events/eventTags";
import { dimensionShares } from "../../../lib/reports/dimensionShares";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { HOURLY_DAYS, compactRollups } from "../../../lib/retention/rollupCompaction";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importReservations } from "../../../lib/pricing/importReservations";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import type { UsageStore } from "../../../lib/store/port";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";

const DEPLOYMENTS = "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\nptu-east,gpt-4o-2024-08-06,eastus2,ProvisionedManaged\n";
const ORG = "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2020-01-01\napp-2,CC-2,Marketing,2020-01-01\n";
const NOV_5 = Date.UTC(2026, 10, 5);
// 57 days after 5 December: the hourly window starts on 5 December, so November's and October's hours fold.
const JAN_30 = Date.UTC(2027, 0, 30);

/** n calls at each of three hours of a day, with model times in two histogram buckets; with `users`, call i is end user i's. */
const calls = (appId: string, deployment: string, day: string, n: number, users = false) =>
  ["09", "13", "17"].flatMap((hour) =>
    Array.from({ length: n }, (_, i) =>
      v1Event({
        requestId: `${appId}-${deployment}-${day}-${hour}-${i}`,
        appId,
        deployment,
        time: `${day}T${hour}:10:00Z`,
        modelTimeMs: i % 2 ? 150 : 900,
        ...(users ? { endUser: `user-${String(i).padStart(2, "0")}` } : {}),
      }),
    ),
  );

/** The app page's report; every app here has usage in every month read. */
async function appPage(s: UsageStore, appId: string, month: string) {
  const report = await getAppReport(new LedgerReader(s), appId, month, ALL_UNITS);
  if (!report) throw new Error(`no report for ${appId} in ${month}`);
  return report;
}

async function store(): Promise<UsageStore> {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, DEPLOYMENTS, "deployments.csv");
  await importOrgMappings(store, ORG, "org.csv");
  await importReservations(store, "deployment,units,price,per,validFrom,idle\nptu-east,2,1.5,hour,2026-10-01,separate\n", "ptu.csv");
  await ingestLines(store, [
    ...calls("app-1", "gpt-4o", "2026-10-10", 30, true),
    ...calls("app-2", "gpt-4o", "2026-10-11", 5),
    ...calls("app-1", "ptu-east", "2026-10-10", 4),
    ...calls("app-2", "ptu-east", "2026-10-10", 6),
    ...calls("app-1", "gpt-4o", "2026-12-06", 3),
  ]);
  return store;
}

/** What a person reads of October, November and December: every report, the app page, the statement. */
async function everything(store: UsageStore) {
  const views = [];
  for (const month of ["2026-10", "2026-11", "2026-12"]) {
    for (const by of REPORT_DIMENSIONS) views.push(await getChargebackReport(new LedgerReader(store), month, by));
    for (const app of ["app-1", "app-2"]) {
      const { hourly: _hourly, ...page } = await appPage(store, app, month);
      views.push(page);
    }
    views.push(getDailyTrend(await new LedgerReader(store).ledger(month)), await getStatement(store, month, "Retail"));
  }
  return views;
}

describe("rollup compaction", () => {
  it("folds hours older than the window into days without changing any figure, keeping provisioned hours", async () => {
    const s = await store();
    await closeMonth(s, "2026-10", "fin", NOV_5);
    const before = await everything(s);
    const decemberHours = (await appPage(s, "app-1", "2026-12")).hourly;
    expect(HOURLY_DAYS).toBe(57);

    const endUsers = await dimensionShares(new LedgerReader(s), "2026-10", END_USER);
    expect([...endUsers.values()].map((values) => values.size)).toEqual([30]);
    const endUsersTotal = (await getDimensionReport(new LedgerReader(s), "2026-10", "end-user")).total;

    // app-1 and app-2 on gpt-4o in October: 3 hours each; ptu-east is provisioned and reserved.
    // 30 end users of app-1 on 10 October, all alike: the first 25 by name keep theirs, 5 fold.
    const dry = await compactRollups(s, { dryRun: true, now: JAN_30 });
    expect(dry).toEqual({ before: "2026-12-05", dryRun: true, kept: ["ptu-east"], hourlyRows: 6, endUserRows: 5 });
    expect(await compactRollups(s, { now: JAN_30 })).toEqual({ ...dry, dryRun: false });
    expect(await compactRollups(s, { now: JAN_30 })).toEqual({ ...dry, dryRun: false, hourlyRows: 0, endUserRows: 0 });

    // A new app changes the catalog's digest: every month's materialized figures are built again, from the folded rollups.
    await s.saveApps([{ appId: "app-unused", displayName: "Unused" }]);
    // Every cent, count and model-time figure (average, p95) is as it was; capacity stays hourly.
    expect(await everything(s)).toEqual(before);
    const ptu = await s.listHourlyUsage("2026-10-01", "2026-11-01", ["ptu-east"]);
    expect(ptu.map((h) => `${h.hour} ${h.appId}`)).toEqual([
      "2026-10-10T09 app-1",
      "2026-10-10T09 app-2",
      "2026-10-10T13 app-1",
      "2026-10-10T13 app-2",
      "2026-10-10T17 app-1",
      "2026-10-10T17 app-2",
    ]);
    const october = await s.listHourlyAppUsage("app-1", "2026-10-01", "2026-11-01");
    expect(october.map((h) => `${h.hour} ${h.deployment} ${h.requests}`)).toEqual([
      "2026-10-10 gpt-4o 90",
      "2026-10-10T09 ptu-east 4",
      "2026-10-10T13 ptu-east 4",
      "2026-10-10T17 ptu-east 4",
    ]);
    // By end user, to the 10^-18: each line's share of each end user kept is the same, the five
    // others' shares are one value's; the report's rows add up to the same total.
    const after = await dimensionShares(new LedgerReader(s), "2026-10", END_USER);
    const tail = (v: string) => v >= "user-25";
    const expected = new Map(
      [...endUsers].map(([line, values]) => {
        const kept = [...values].filter(([v]) => !tail(v));
        const folded = [...values].filter(([v]) => tail(v)).map(([, share]) => share);
        const other = folded.reduce((a, x) => ({ atto: a.atto + x.atto, requests: a.requests + x.requests, totalTokens: a.totalTokens + x.totalTokens }));
        return [line, new Map([...kept, [OTHER_END_USERS, other]])];
      }),
    );
    expect(after).toEqual(expected);
    const report = await getDimensionReport(new LedgerReader(s), "2026-10", "end-user");
    expect(report.total).toBe(endUsersTotal);
    expect(report.rows.find((r) => r.value === OTHER_END_USERS)).toMatchObject({ name: "(other end users)", requests: 15, totalTokens: 16_500 });

    // The app page's hourly chart keeps the hours inside the window and draws none of a folded day.
    expect((await appPage(s, "app-1", "2026-12")).hourly).toEqual(decemberHours);
    expect((await appPage(s, "app-1", "2026-10")).hourly.map((h) => h.hour)).toEqual(["2026-10-10T09", "2026-10-10T13", "2026-10-10T17"]);
  });
});
