import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importReservations } from "../../../lib/pricing/importReservations";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const DEPLOYMENTS = "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\nptu-east,gpt-4o-2024-08-06,eastus2,ProvisionedManaged\n";
const ORG =
  "appId,costCenter,businessUnit,validFrom\napp-1,CC-1,Retail,2020-01-01\napp-2,CC-2,Marketing,2020-01-01\nprovisioned-idle:ptu-east,CC-P,Platform,2020-01-01\n";

/** n calls of 1,000 prompt and 100 completion tokens. */
const calls = (appId: string, deployment: string, time: string, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) =>
    v1Event({ requestId: `${appId}-${deployment}-${time}-${i}-${JSON.stringify(extra)}`, appId, deployment, time, ...extra }),
  );

async function month() {
  const { store } = freshStore();
  await importRetailPrices(store, snapshotItems());
  await importDeployments(store, DEPLOYMENTS, "deployments.csv");
  await importOrgMappings(store, ORG, "org.csv");
  // 2 PTU at $1.50 an hour: $3 an hour. Only app-2 uses the deployment, in the 12:00 hour of the
  // 10th, so it carries that hour's $3; the other 719 hours are idle capacity ($2,157, Platform).
  await importReservations(store, "deployment,units,price,per,validFrom,idle\nptu-east,2,1.5,hour,2026-09-01,separate\n", "ptu.csv");
  await ingestLines(store, [
    ...calls("app-1", "gpt-4o", "2026-09-10T09:00:00Z", 100, { tags: { project: "hermes" }, endUser: "ana" }), // 100 × $0.0035 = $0.35
    ...calls("app-2", "ptu-east", "2026-09-10T12:10:00Z", 20, { tags: { project: "apollo" } }), // 22,000 of the app's 33,000 tokens there
    ...calls("app-2", "ptu-east", "2026-09-10T12:20:00Z", 10),
    ...calls("app-1", "gpt-4o", "2026-09-11T09:00:00Z", 1, { status: 429, tags: { project: "zeus" } }), // throttled: no cost, no row
  ]);
  return store;
}

const byValue = (rows: { name: string; cost: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.cost]));

describe("the month by tag or end user", () => {
  it("splits provisioned capacity by the app's tokens that day, leaves idle capacity untagged, and adds up to the total", async () => {
    const store = await month();
    const total = (await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit")).total;
    expect(total).toBe("2160.35");
    const report = await getDimensionReport(new LedgerReader(store), "2026-09", "tag:project");
    expect(byValue(report.rows)).toEqual({ "(untagged)": "2158.00", apollo: "2.00", hermes: "0.35" });
    expect(report.total).toBe(total);
    expect(report.rows.find((r) => r.name === "hermes")).toMatchObject({ requests: 100, totalTokens: 110_000 });
    expect(byValue((await getDimensionReport(new LedgerReader(store), "2026-09", "end-user")).rows)).toEqual({ "(no end user)": "2160.00", ana: "0.35" });
  });

  it("shows a unit owner only their units' values, adding up to their total", async () => {
    const store = await month();
    const scope = onlyUnits(["Marketing"]);
    const report = await getDimensionReport(new LedgerReader(store), "2026-09", "tag:project", { scope });
    expect(byValue(report.rows)).toEqual({ apollo: "2.00", "(untagged)": "1.00" });
    expect(report.total).toBe((await getChargebackReport(new LedgerReader(store), "2026-09", "app", scope)).total);
    expect(
      byValue((await getDimensionReport(new LedgerReader(store), "2026-09", "tag:project", { scope: onlyUnits(["Retail"]), onlyApp: "app-1" })).rows),
    ).toEqual({
      hermes: "0.35",
    });
  });

  it("splits a closed month's frozen lines the same way", async () => {
    const store = await month();
    await closeMonth(store, "2026-09", "finance@contoso.example", Date.UTC(2026, 9, 2));
    const report = await getDimensionReport(new LedgerReader(store), "2026-09", "tag:project");
    expect(byValue(report.rows)).toEqual({ "(untagged)": "2158.00", apollo: "2.00", hermes: "0.35" });
  });
});
