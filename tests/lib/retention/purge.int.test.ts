import { now } from "../../../lib/core/clock";
import { afterEach, describe, expect, it } from "vitest";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { getChargebackReport, REPORT_DIMENSIONS } from "../../../lib/reports/getChargebackReport";
import { getDailyTrend } from "../../../lib/reports/getDailyTrend";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { purgeRawData } from "../../../lib/retention/retention";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { getStatement } from "../../../lib/statements/getStatement";
import { ingestLines } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { leading } from "../../support/arrays";

const DEC_20 = Date.UTC(2026, 11, 20);

afterEach(() => {
  delete process.env.CHARGEBACK_RETENTION_DAYS;
});

/** Everything a person can read about October and November. */
async function everything(store: Awaited<ReturnType<typeof octoberAndNovember>>) {
  const views = [];
  for (const month of ["2026-10", "2026-11"]) {
    for (const by of REPORT_DIMENSIONS) views.push(await getChargebackReport(new LedgerReader(store), month, by));
    views.push(
      getDailyTrend(await new LedgerReader(store).ledger(month)),
      await getAppReport(new LedgerReader(store), "app-1", month, ALL_UNITS),
      await getStatement(store, month, "Retail"),
    );
  }
  return views;
}

describe("retention", () => {
  it("purges raw events older than the window without changing any report or closed statement", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    const before = await everything(store);

    // 30 days before 20 December: events of 20 November and earlier days go.
    process.env.CHARGEBACK_RETENTION_DAYS = "30";
    expect(await purgeRawData(store, { dryRun: true, now: DEC_20 })).toEqual({ before: "2026-11-20", dryRun: true, events: 1300, quarantined: 0 });
    expect(await purgeRawData(store, { now: DEC_20 })).toEqual({ before: "2026-11-20", dryRun: false, events: 1300, quarantined: 0 });
    expect(await everything(store)).toEqual(before);
  });

  it("refuses events older than the window at ingest, since their facts may be gone, and says so", async () => {
    const store = await octoberAndNovember();
    process.env.CHARGEBACK_RETENTION_DAYS = "30";
    const old = now() - 40 * 86_400_000;
    const day = new Date(old).toISOString().slice(0, 10);
    expect(await ingestLines(store, events("app-1", day, 2, "late"))).toEqual({
      accepted: 0,
      duplicates: 0,
      quarantined: 2,
      unpriced: 0,
      notBilled: 0,
      usageUnknown: 0,
      warnings: 0,
    });
    const [line] = leading(await store.listQuarantined("open"), 1);
    expect(line.reason).toMatch(
      /^older than the retention of raw events \(kept from \d{4}-\d{2}-\d{2}\): it could not be told apart from an event already counted$/,
    );
  });

  it("purges nothing unless a window is configured", async () => {
    const store = await octoberAndNovember();
    await expect(purgeRawData(store)).rejects.toThrow("no retention is configured: set CHARGEBACK_RETENTION_DAYS");
  });
});
