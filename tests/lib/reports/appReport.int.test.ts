import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { ingestLines, v1Event } from "../../support/ingest";
import { octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const sum = (rows: { cost: string }[]) => rows.reduce((s, r) => s + cents(r.cost), 0n);

describe("the app report", () => {
  it("splits the app's cost by model, deployment, operation and day, each adding up to its cost in the month's report", async () => {
    const store = await octoberAndNovember();
    const slow = Array.from({ length: 10 }, (_, i) =>
      v1Event({ requestId: `slow-${i}`, appId: "app-1", time: "2026-10-12T09:30:00Z", modelTimeMs: 4000, operation: "responses" }),
    );
    await ingestLines(store, slow);
    const app = (await getAppReport(new LedgerReader(store), "app-1", "2026-10", ALL_UNITS))!;
    const byApp = await getChargebackReport(new LedgerReader(store), "2026-10", "app");
    expect(app.total).toBe(byApp.rows.find((r) => r.key === "app-1")!.cost);
    for (const rows of [app.byModel, app.byDeployment, app.byOperation, app.daily]) expect(sum(rows)).toBe(cents(app.total));
    expect(app.byOperation.map((r) => [r.key, r.requests])).toEqual([
      ["chat.completions", 1000],
      ["responses", 10],
    ]);
    expect(app.hourly).toEqual([
      { hour: "2026-10-10T12", requests: 1000 },
      { hour: "2026-10-12T09", requests: 10 },
    ]);
    // Only the ten calls that reported a model time (4 s each) are timed: p95 is their bucket's bound.
    expect([app.avgModelTimeMs, app.p95ModelTimeMs]).toEqual([4000, 5000]);
    expect(app.mappings).toEqual([{ businessUnit: "Retail", costCenter: "CC-1", validFrom: "2020-01-01", validTo: null }]);
  });

  it("shows a unit owner only the app's usage while it was theirs, and hides where it went", async () => {
    const store = await octoberAndNovember();
    await importOrgMappings(
      store,
      "appId,costCenter,businessUnit,validFrom,validTo\napp-1,CC-1,Retail,2020-01-01,2026-10-11\napp-1,CC-2,Marketing,2026-10-11,\n",
      "move.csv",
    );
    await ingestLines(store, [v1Event({ requestId: "later", appId: "app-1", time: "2026-10-20T10:00:00Z" })]);
    const retail = (await getAppReport(new LedgerReader(store), "app-1", "2026-10", onlyUnits(["Retail"])))!;
    expect(retail.tokens.requests).toBe(1000);
    expect(retail.hourly.map((h) => h.hour)).toEqual(["2026-10-10T12"]);
    expect(retail.mappings.map((m) => m.businessUnit)).toEqual(["Retail", null]);
    expect(await getAppReport(new LedgerReader(store), "app-2", "2026-10", onlyUnits(["Retail"]))).toBeNull();
    expect(await getAppReport(new LedgerReader(store), "no-such-app", "2026-10", ALL_UNITS)).toBeNull();
  });
});
