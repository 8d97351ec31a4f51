import { describe, expect, it } from "vitest";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { unmappedQueue } from "../../../lib/reports/unmappedQueue";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importDiscounts } from "../../../lib/pricing/importDiscounts";
import { importReservations } from "../../../lib/pricing/importReservations";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import type { RetailPriceItem } from "../../../lib/pricing/retailPrice";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";

const DEPLOYMENTS = `deployment,model,region,sku
gpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard
ptu-east,gpt-4o-2024-08-06,eastus2,ProvisionedManaged
`;
const ORG = `appId,costCenter,businessUnit,validFrom
app-1,CC-1,Retail,2020-01-01
app-2,CC-2,Marketing,2020-01-01
app-3,CC-3,Stores,2020-01-01
provisioned-idle:ptu-east,CC-P,Platform,2020-01-01
`;
// From the 15th, gpt-4o 2024-08-06 global input costs $2.00 per 1M tokens instead of $2.50.
const PRICE_CUT: RetailPriceItem = {
  meterId: "price-cut",
  meterName: "gpt-4o-0806-Inp-glbl Tokens",
  productName: "Azure OpenAI",
  skuName: "gpt-4o-0806-Inp-glbl",
  serviceName: "Foundry Models",
  armRegionName: "eastus2",
  unitOfMeasure: "1K",
  retailPrice: "0.002",
  effectiveStartDate: "2026-09-15T00:00:00Z",
  currencyCode: "USD",
  type: "Consumption",
  tierMinimumUnits: "0",
};

/** n calls of 1,000 prompt (`cached` of them cached) and 100 completion tokens. */
const calls = (appId: string, deployment: string, time: string, n: number, cached = 0) =>
  Array.from({ length: n }, (_, i) => v1Event({ requestId: `${appId}-${deployment}-${time}-${i}`, appId, deployment, time, cachedTokens: cached }));

describe("provisioned throughput", () => {
  it("a month with a price change, a discount and a PTU reservation adds up to the hand-computed total to the cent", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, [...snapshotItems(), PRICE_CUT]);
    await importDeployments(store, DEPLOYMENTS, "deployments.csv");
    await importOrgMappings(store, ORG, "org.csv");
    await importDiscounts(store, "family,percent,validFrom\ngpt-4o,10,2026-09-20\n", "discounts.csv");
    await ingestLines(store, [
      ...calls("app-1", "gpt-4o", "2026-09-10T09:00:00Z", 100), // 100 × $0.0035 = $0.35
      ...calls("app-1", "gpt-4o", "2026-09-16T09:00:00Z", 100), // after the cut: 100 × $0.0030 = $0.30
      ...calls("app-2", "gpt-4o", "2026-09-21T09:00:00Z", 100), // and 10% off: 100 × $0.0027 = $0.27
      ...calls("app-2", "ptu-east", "2026-09-10T12:10:00Z", 30), // weighs 30 × 1,100 = 33,000
      ...calls("app-3", "ptu-east", "2026-09-10T12:50:00Z", 10, 500), // 10 × (500 uncached + 100) = 6,000
      ...calls("app-3", "ptu-east", "2026-09-11T08:00:00Z", 5),
    ]);

    // Without a reservation, provisioned tokens are unpriced (never charged at pay-as-you-go rates).
    const before = await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit");
    expect(before.total).toBe("0.92");
    expect(before.unpriced).toMatchObject({ requests: 45 });

    // 2 PTU at $1.50 an hour: $3 an hour, $2,160 in September's 720 hours. The 12:00 hour of the
    // 10th goes 33,000 : 6,000 to app-2 and app-3, the 08:00 hour of the 11th to app-3, and the
    // 718 idle hours ($2,154) to the deployment's idle line, which Platform carries.
    await importReservations(store, "deployment,units,price,per,validFrom,idle\nptu-east,2,1.5,hour,2026-09-01,separate\n", "ptu.csv");
    const report = await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit");
    expect(report.unpriced).toMatchObject({ requests: 0 });
    expect(Object.fromEntries(report.rows.map((r) => [r.key, r.cost]))).toEqual({
      Retail: "0.65",
      Marketing: "2.81", // 0.27 + 3 × 33/39 = 2.80846…
      Stores: "3.46", // 3 × 6/39 + 3 = 3.46153…
      Platform: "2154.00",
    });
    expect(report.total).toBe("2160.92");

    const byApp = await getChargebackReport(new LedgerReader(store), "2026-09", "app");
    expect(byApp.rows.find((r) => r.key === "app-3")).toMatchObject({ cost: "3.46", requests: 15 });

    await closeMonth(store, "2026-09", "fin", Date.UTC(2026, 9, 2));
    const statement = await getStatement(store, "2026-09", "Marketing");
    expect(statement?.total).toBe("2.81");
    expect(statement?.lines.flatMap((l) => l.prices)).toContain("reservation of ptu-east, 2 PTU, at 1.5 per PTU and hour from 2026-09-01");
    const platform = await getStatement(store, "2026-09", "Platform");
    expect(platform?.lines).toMatchObject([{ appId: "provisioned-idle:ptu-east", cost: "2154.00", requests: 0 }]);
  });

  it("shares idle hours among the month's users when the admin picks share, and refuses reservations that cannot apply", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, snapshotItems());
    await importDeployments(store, DEPLOYMENTS, "deployments.csv");
    await importOrgMappings(store, ORG, "org.csv");
    await ingestLines(store, [...calls("app-2", "ptu-east", "2026-09-10T12:10:00Z", 30), ...calls("app-3", "ptu-east", "2026-09-10T12:50:00Z", 10, 500)]);
    await importReservations(store, "deployment,units,price,per,validFrom\nptu-east,1,300,month,2026-09-01\n", "ptu.csv", {
      actor: "admin",
      action: "reservations.import",
      reason: "PTU bought",
    });
    const report = await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit");
    // $300 shared 33,000 : 6,000.
    expect(Object.fromEntries(report.rows.map((r) => [r.key, r.cost]))).toEqual({ Marketing: "253.85", Stores: "46.15" });

    await expect(importReservations(store, "deployment,units,price,per,validFrom\ngpt-4o,1,2,hour,2026-09-01\n", "r.csv")).rejects.toThrow(
      "gpt-4o: is GlobalStandard, only provisioned deployments are reserved",
    );
    await expect(importReservations(store, "deployment,units,price,per,validFrom\nptu-east,1,2,hour,2026-09-20\n", "r.csv")).rejects.toThrow(
      "ptu-east: the reservation from 2026-09-01 overlaps the one from 2026-09-20",
    );
    expect(await store.listReservations()).toHaveLength(1);
    expect((await store.listAudit(10)).map((a) => a.subject)).toContain("reservation ptu-east");
  });

  it("puts idle capacity kept separate in the admin's unmapped queue until a cost center carries it", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, snapshotItems());
    await importDeployments(store, DEPLOYMENTS, "deployments.csv");
    await importReservations(store, "deployment,units,price,per,validFrom,idle\nptu-east,1,1,hour,2026-09-01,separate\n", "ptu.csv");
    const queue = await unmappedQueue(new LedgerReader(store), ["2026-08", "2026-09"]);
    expect(queue.map((q) => [q.appId, q.appName, q.cost, q.requests, q.firstDay, q.lastDay])).toEqual([
      ["provisioned-idle:ptu-east", "Idle capacity of ptu-east", "720.00", 0, "2026-09-01", "2026-09-30"],
    ]);
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\nprovisioned-idle:ptu-east,CC-P,Platform,2026-09-01\n", "org.csv");
    expect(await unmappedQueue(new LedgerReader(store), ["2026-08", "2026-09"])).toEqual([]);
    expect((await getChargebackReport(new LedgerReader(store), "2026-09", "business-unit")).rows).toMatchObject([{ key: "Platform", cost: "720.00" }]);
  });
});
