import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { getDayReport } from "../../../lib/reports/getDayReport";
import { getFilteredReport } from "../../../lib/reports/getFilteredReport";
import { parseReportQuery, type Params } from "../../../lib/reports/reportFilters";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import type { UsageStore } from "../../../lib/store/port";

const DEPLOYMENTS = "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n";
const ORG = "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2020-01-01\napp-2,CC-2,Marketing,2020-01-01\napp-3,CC-3,Retail,2020-01-01\n";
// Months with data: September and October 2026, "now" being October (hand-made bounds, not today's date).
const BOUNDS = { first: "2026-09", current: "2026-10" };
const NO_FILTERS = { units: [], costCenters: [], apps: [], models: [], tags: [] };

/** n calls of 1,000 prompt and 100 completion tokens on gpt-4o Global: $0.0035 each. */
const calls = (appId: string, time: string, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => v1Event({ requestId: `${appId}-${time}-${i}-${JSON.stringify(extra)}`, appId, deployment: "gpt-4o", time, ...extra }));

async function twoMonths() {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, DEPLOYMENTS, "deployments.csv");
  await importOrgMappings(store, ORG, "org.csv");
  await ingestLines(store, [
    ...calls("app-1", "2026-09-15T09:00:00Z", 100, { tags: { environment: "prod" } }), // $0.35
    ...calls("app-2", "2026-09-15T10:00:00Z", 200), // $0.70
    ...calls("app-1", "2026-10-01T09:00:00Z", 100, { tags: { environment: "prod" } }), // $0.35
    ...calls("app-1", "2026-10-02T09:00:00Z", 300, { tags: { environment: "dev" } }), // $1.05
    ...calls("app-3", "2026-10-02T11:00:00Z", 100), // $0.35
    ...calls("app-2", "2026-10-02T12:00:00Z", 100), // $0.35
  ]);
  return store;
}

const query = (params: Params) => {
  const parsed = parseReportQuery(params);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const report = (store: UsageStore, params: Params, by: "business-unit" | "app" | "cost-center" | "model" = "business-unit", scope = ALL_UNITS, pageSize = 50) =>
  getFilteredReport(new LedgerReader(store), query(params), by, scope, BOUNDS, pageSize);
const costs = (rows: { name: string; cost: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.cost]));

describe("the report API's filters, on a real SQLite store", () => {
  it("narrows a month to a unit, a cost center, an app or a model, adding up to the unfiltered rows", async () => {
    const store = await twoMonths();
    expect(costs((await report(store, { month: "2026-10" })).rows)).toEqual({ Retail: "1.75", Marketing: "0.35" });
    expect((await report(store, { month: "2026-10", unit: "Retail" })).total).toBe("1.75");
    expect(costs((await report(store, { month: "2026-10", unit: "Retail" }, "app")).rows)).toEqual({ "app-1": "1.40", "app-3": "0.35" });
    expect((await report(store, { month: "2026-10", cc: "CC-3" })).total).toBe("0.35");
    expect((await report(store, { month: "2026-10", app: ["app-2", "app-3"] })).total).toBe("0.70");
    expect((await report(store, { month: "2026-10", model: "gpt-4o-2024-08-06" })).total).toBe("2.10");
    expect((await report(store, { month: "2026-10", model: "gpt-4.1" })).rows).toEqual([]);
  });

  it("keeps a tag's (or the environment's) part of each line only", async () => {
    const store = await twoMonths();
    const prod = await report(store, { month: "2026-10", env: "prod" }, "app");
    expect(costs(prod.rows)).toEqual({ "app-1": "0.35" });
    expect(prod.rows[0]).toMatchObject({ requests: 100, totalTokens: 110_000, promptTokens: 100_000, completionTokens: 10_000 });
    expect((await report(store, { month: "2026-10", tag: "environment=dev" })).total).toBe("1.05");
    expect((await report(store, { month: "2026-10", tag: "environment=staging" })).total).toBe("0.00");
  });

  it("adds up a custom period, a year to date and a quarter from the months' own reports, a closed month as frozen", async () => {
    const store = await twoMonths();
    await closeMonth(store, "2026-09", "finance@contoso.example", Date.UTC(2026, 9, 2));
    const september = (await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit")).total;
    expect(september).toBe("1.05");
    const both = await report(store, { range: "custom", from: "2026-09", to: "2026-10" });
    expect(both.period.months).toEqual(["2026-09", "2026-10"]);
    expect(both.total).toBe("3.15");
    expect(costs(both.rows)).toEqual({ Retail: "2.10", Marketing: "1.05" });
    // Before the data is clipped off; the year to date starts at the first month with data.
    expect((await report(store, { range: "custom", from: "2025-01", to: "2026-10" })).period.months).toEqual(["2026-09", "2026-10"]);
    expect((await report(store, { range: "ytd", month: "2026-10" })).total).toBe("3.15");
    // October opens the fourth quarter.
    expect((await report(store, { range: "quarter", month: "2026-10" })).period.months).toEqual(["2026-10"]);
    expect((await report(store, { range: "custom", from: "2026-09", to: "2026-10", unit: "Marketing" })).total).toBe("1.05");
  });

  it("keeps a tag's part month by month over a period: the sum of each month's own tagged figure", async () => {
    const store = await twoMonths();
    // September's prod is $0.35, October's $0.35: a tag's share of a line is only known per month.
    const period = { range: "custom", from: "2026-09", to: "2026-10" };
    const prod = await report(store, { ...period, env: "prod" }, "app");
    const months = await Promise.all(["2026-09", "2026-10"].map((month) => report(store, { month, env: "prod" })));
    expect(months.map((m) => m.total)).toEqual(["0.35", "0.35"]);
    expect(prod.total).toBe("0.70");
    expect(costs(prod.rows)).toEqual({ "app-1": "0.70" });
    expect(prod.rows[0]).toMatchObject({ requests: 200 });
    expect((await report(store, { ...period, env: "dev", app: "app-1" })).total).toBe("1.05");
  });

  it("refuses a month not started or before the data with a sentence", async () => {
    const store = await twoMonths();
    await expect(report(store, { month: "2026-11" })).rejects.toThrow("2026-11 has not started yet.");
    await expect(report(store, { month: "1999-01" })).rejects.toThrow("There is no usage before 2026-09, the first month with data.");
    await expect(report(store, { range: "custom", from: "2026-09", to: "2027-03" })).rejects.toThrow("2027-03 has not started yet.");
  });

  it("never shows an owner another unit, whatever the filter", async () => {
    const store = await twoMonths();
    const marketing = onlyUnits(["Marketing"]);
    expect((await report(store, { month: "2026-10", unit: "Retail" }, "business-unit", marketing)).rows).toEqual([]);
    expect(costs((await report(store, { month: "2026-10" }, "app", marketing)).rows)).toEqual({ "app-2": "0.35" });
  });

  it("searches rows by name and pages them", async () => {
    const store = await twoMonths();
    const first = await report(store, { month: "2026-10" }, "app", ALL_UNITS, 2);
    expect(first.paging).toEqual({ q: "", page: 1, pages: 2, matched: 3, pageSize: 2 });
    expect(first.rows.map((r) => r.name)).toEqual(["app-1", "app-2"]);
    // Paging cuts the rows, never the total.
    expect(first.total).toBe("2.10");
    expect((await report(store, { month: "2026-10", page: "2" }, "app", ALL_UNITS, 2)).rows.map((r) => r.name)).toEqual(["app-3"]);
    expect((await report(store, { month: "2026-10", q: "APP-3" }, "app")).rows.map((r) => r.name)).toEqual(["app-3"]);
  });
});

describe("a day of the daily chart", () => {
  it("shows the day's apps, models and token kinds against the day before, within the scope and filters", async () => {
    const store = await twoMonths();
    const day = await getDayReport(new LedgerReader(store), "2026-10-02", ALL_UNITS, NO_FILTERS);
    expect(day).toMatchObject({ day: "2026-10-02", previousDay: "2026-10-01", total: "1.75", previousTotal: "0.35" });
    expect(costs(day.byApp.rows)).toEqual({ "app-1": "1.05", "app-3": "0.35", "app-2": "0.35" });
    // app-1 drove the rise: $0.70 more than the day before.
    expect(day.byApp.changes.rows["app-1"]).toEqual({ previous: "0.35", delta: "0.70", percent: "+200.0%" });
    expect(day.byApp.changes.rows["app-3"]).toMatchObject({ previous: "0.00", delta: "0.35", percent: null });
    expect(costs(day.byModel.rows)).toEqual({ "gpt-4o-2024-08-06": "1.75" });
    expect(day.kinds.find((k) => k.kind === "requests")).toMatchObject({ count: 500, previous: 100 });
    expect(day.kinds.find((k) => k.kind === "promptTokens")).toMatchObject({ count: 500_000, previous: 100_000 });

    const owner = await getDayReport(new LedgerReader(store), "2026-10-02", onlyUnits(["Marketing"]), NO_FILTERS);
    expect(costs(owner.byUnit.rows)).toEqual({ Marketing: "0.35" });
    expect(owner.total).toBe("0.35");
    const filtered = await getDayReport(new LedgerReader(store), "2026-10-02", ALL_UNITS, { ...NO_FILTERS, apps: ["app-3"] });
    expect(filtered.total).toBe("0.35");
    // The day before may be in the month before.
    const first = await getDayReport(new LedgerReader(store), "2026-10-01", ALL_UNITS, NO_FILTERS);
    expect(first).toMatchObject({ previousDay: "2026-09-30", previousTotal: "0.00", total: "0.35" });
  });
});
