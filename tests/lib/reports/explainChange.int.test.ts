import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { parseCents } from "../../../lib/core/money";
import { changeMappings, moveApp } from "../../../lib/org/changeMappings";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { type ChangeCause, type ChangeExplained, explainChange } from "../../../lib/reports/explainChange";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { ALL_UNITS, onlyUnits, type ReportScope } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { ingestLines } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { events, NOV_5, seedOctoberAndNovember } from "../../support/twoMonths";
import { freshStore } from "../../support/store";
import { json, runCli } from "../../support/cli";

const ADMIN = { actor: "Ada <admin>", action: "test", reason: "because" };

/**
 * October closed (Retail's app-1 1,000 calls, Marketing's app-2 200, at $0.0035 each); in November
 * the output price doubles, app-1 makes 100 calls, app-2 moves to Retail and makes 50, a new app-4
 * (Retail) makes 20, and 3 late October calls of app-2 arrive after the close.
 */
async function novemberThatChanged() {
  const { store, file } = freshStore();
  await seedOctoberAndNovember(store);
  await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
  const output = snapshotItems().find((i) => i.meterName === "gpt-4o-0806-Outp-glbl Tokens" && i.armRegionName === "eastus2")!;
  await importRetailPrices(store, [{ ...output, retailPrice: "0.02", effectiveStartDate: "2026-11-01T00:00:00Z" }]);
  await moveApp(store, { appId: "app-2", costCenter: "CC-1", businessUnit: "Retail", from: "2026-11-01" }, ADMIN);
  await changeMappings(store, [{ appId: "app-4", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2026-11-01", validTo: null }], ADMIN);
  await ingestLines(store, [...events("app-2", "2026-11-03", 50), ...events("app-4", "2026-11-04", 20), ...events("app-2", "2026-10-20", 3, "late")]);
  return Object.assign(store, { file });
}

async function explained(store: Awaited<ReturnType<typeof novemberThatChanged>>, scope: ReportScope) {
  const change = (await explainChange(new LedgerReader(store), "2026-11", scope))!;
  const report = (month: string) => getChargebackReport(new LedgerReader(store), month, "business-unit", scope);
  const [now, before] = await Promise.all([report("2026-11"), report("2026-10")]);
  const piece = (cause: ChangeCause) => parseCents(change.pieces.find((p) => p.cause === cause)?.cost ?? "0.00");
  return { change, now, before, piece };
}

describe("why a month changed", () => {
  it("splits the change into pieces that add up to the reports' totals to the cent, in every scope", async () => {
    const store = await novemberThatChanged();
    for (const scope of [ALL_UNITS, onlyUnits(["Retail"]), onlyUnits(["Marketing"])]) {
      const { change, now, before } = await explained(store, scope);
      expect(change.to).toBe(now.total);
      expect(change.from).toBe(before.total);
      expect(parseCents(change.change)).toBe(parseCents(now.total) - parseCents(before.total));
      expect(change.pieces.reduce((s, p) => s + parseCents(p.cost), 0n)).toBe(parseCents(change.change));
    }
  });

  it("names each cause: the new app, the price, the volume, the move, the correction", async () => {
    const store = await novemberThatChanged();
    // Each piece is rounded to cents once, so it may be a cent from its exact amount (the pieces still add up exactly).
    const near = (cents: bigint, exact: bigint) => expect(cents - exact >= -1n && cents - exact <= 1n, `${cents} vs ${exact}`).toBe(true);

    const all = await explained(store, ALL_UNITS);
    near(all.piece("newApps"), 9n); // app-4: 20 × $0.0045
    near(all.piece("price"), 15n); // 150 November calls, 100 output tokens each, $0.01 more per 1,000
    near(all.piece("volume"), -369n); // app-1 3.50 → 0.35, app-2 0.7105 → 0.175 at October's prices
    near(all.piece("corrections"), 1n); // the 3 late October calls, booked in November
    expect(all.piece("moves")).toBe(0n); // a move between units changes no total
    expect(all.change.pieces.find((p) => p.cause === "newApps")?.apps.map((a) => a.appId)).toEqual(["app-4"]);

    const retail = await explained(store, onlyUnits(["Retail"]));
    near(retail.piece("moves"), 23n); // app-2's November cost came with it
    near(retail.piece("newApps"), 9n);
    expect(retail.piece("corrections")).toBe(0n); // the late calls were Marketing's

    const marketing = await explained(store, onlyUnits(["Marketing"]));
    near(marketing.piece("moves"), -23n);
    near(marketing.piece("corrections"), 1n);
    expect(marketing.piece("newApps")).toBe(0n);
  });

  it("is the CLI's report --explain, for the month or one unit", async () => {
    const store = await novemberThatChanged();
    const retail = await explained(store, onlyUnits(["Retail"]));
    const cli = json<ChangeExplained>(await runCli(["report", "--month", "2026-11", "--explain", "--business-unit", "Retail"], { db: store.file }));
    expect(cli).toEqual(retail.change);
    const none = await runCli(["report", "--month", "2026-11", "--explain", "--business-unit", ""], { db: store.file });
    expect(none.status).toBe(1);
    expect(none.stderr).toBe("chargeback: --business-unit: must name a business unit\n");
  });
});
