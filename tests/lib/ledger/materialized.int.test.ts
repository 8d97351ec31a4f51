import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { comparableLines, getComparisonBasis } from "../../../lib/reports/comparisonBasis";
import { REPORT_DIMENSIONS, reportFromLines } from "../../../lib/reports/getChargebackReport";
import { getReportWithChanges } from "../../../lib/reports/storedReports";
import { rowChanges } from "../../../lib/reports/rowChanges";
import { monthLines } from "../../../lib/statements/monthLines";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { getMonthView } from "../../../lib/reports/getMonthView";
import { explainChange } from "../../../lib/reports/explainChange";
import { getPendingCorrections } from "../../../lib/reports/getPendingCorrections";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { unmappedQueue } from "../../../lib/reports/unmappedQueue";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { liveLines } from "../../../lib/statements/liveLines";
import type { UsageStore } from "../../../lib/store/port";
import { counted } from "../../support/countedStore";
import { ingestLines } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

/** Every view that reads materialized figures, of November (October closed, a correction landing), through one reader. */
async function views(reader: LedgerReader) {
  return {
    overview: await getMonthView(reader, "2026-11", ALL_UNITS),
    unit: await getMonthView(reader, "2026-11", onlyUnits(["Marketing"])),
    explained: await explainChange(reader, "2026-11", ALL_UNITS),
    explainedForUnit: await explainChange(reader, "2026-11", onlyUnits(["Retail"])),
    basis: await getComparisonBasis(reader, "2026-11", NOV_5),
    app: await getAppReport(reader, "app-1", "2026-11", ALL_UNITS),
    byTag: await getDimensionReport(reader, "2026-11", "end-user"),
    queue: await unmappedQueue(reader, ["2026-10", "2026-11"]),
    pending: await getPendingCorrections(reader, "2026-10"),
  };
}

async function closedOctoberWithACorrection(): Promise<UsageStore> {
  const store = await octoberAndNovember();
  await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
  await ingestLines(store, [...events("app-2", "2026-10-20", 3, "late"), ...events("app-9", "2026-11-03", 5, "unmapped")]);
  return store;
}

describe("the materialized month ledger", () => {
  it("saves a keyed family of many keys in writes of a few hundred, its marker last, each key read back stored", async () => {
    const store = await octoberAndNovember();
    const all = new Map(Array.from({ length: 600 }, (_, i): [string, (number | string)[]] => [`k${i}`, [i, `v${i}`]]));
    let builds = 0;
    const buildAll = async () => {
      builds++;
      return all;
    };
    const { store: watched, named } = counted(store);
    expect(await new LedgerReader(watched).figures("2026-11").keyedPart("many", "k7", buildAll, [])).toEqual([7, "v7"]);
    const saved = named("saveLedgerParts").map(
      (call) => (JSON.parse(call.slice("saveLedgerParts(".length, -1)) as [string, string, number, { part: string }[]])[3],
    );
    expect(saved.map((parts) => parts.length)).toEqual([250, 250, 100, 1]);
    expect(saved.flat().map((p) => p.part)).toEqual([...[...all.keys()].map((k) => `many:${k}`), "many"]);
    const again = new LedgerReader(store).figures("2026-11");
    for (const [key, value] of all) expect(await again.keyedPart("many", key, buildAll, [])).toEqual(value);
    expect(await again.keyedPart("many", "none", buildAll, [])).toEqual([]);
    expect(builds).toBe(1);
  });

  it("shows to the 10^-18 what the ledger computes, read from the store without the month's usage once built", async () => {
    const store = await closedOctoberWithACorrection();
    const built = await views(new LedgerReader(store));

    const { store: watched, named } = counted(store);
    const reader = new LedgerReader(watched);
    expect(await views(reader)).toEqual(built);
    expect(named("listDailyUsage")).toEqual([]);
    expect(named("listDailyDimensionUsage")).toEqual([]);
    expect(reader.figuresAsOf()).toBeTypeOf("number");
    // The same days of the month before are kept once per month: asked on a later day, built for that day.
    const requests = (b: Awaited<ReturnType<typeof getComparisonBasis>>) => b.lines.lines.reduce((n, l) => n + l.tokens.requests, 0);
    expect(requests(built.basis)).toBe(0);
    const later = await getComparisonBasis(new LedgerReader(store), "2026-11", Date.UTC(2026, 10, 20, 12));
    expect(later.label).toBe("2026-10, days 1–20");
    expect(requests(later)).toBe(1203);
    expect(await getComparisonBasis(new LedgerReader(store), "2026-11", NOV_5)).toEqual(built.basis);
    // And the stored usage lines are the ledger's own.
    const ledger = await new LedgerReader(store).ledger("2026-11");
    expect(built.overview.lines.lines.filter((l) => l.kind === "usage")).toEqual(
      expect.arrayContaining(
        liveLines(ledger)
          .lines.filter((l) => l.kind === "usage")
          .map((l) => expect.objectContaining({ atto: l.atto, appId: l.appId })),
      ),
    );
  });

  it("is built again after events of the month arrive, and after a mapping changes, and not before", async () => {
    const store = await closedOctoberWithACorrection();
    const before = await views(new LedgerReader(store));

    await ingestLines(store, events("app-1", "2026-11-04", 7, "later"));
    const { store: afterEvents, named } = counted(store);
    const rebuilt = await views(new LedgerReader(afterEvents));
    expect(named("listDailyUsage")).toContain('listDailyUsage(["2026-11-01","2026-12-01"])');
    expect(rebuilt.app?.tokens.requests).toBe((before.app?.tokens.requests ?? 0) + 7);
    expect(await views(new LedgerReader(store))).toEqual(rebuilt);

    await store.saveOrgMappings([{ appId: "app-9", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2020-01-01", validTo: null }]);
    const { store: afterMapping, named: namedAfterMapping } = counted(store);
    const moved = await views(new LedgerReader(afterMapping));
    expect(namedAfterMapping("listDailyUsage")).toContain('listDailyUsage(["2026-11-01","2026-12-01"])');
    expect(moved.queue.map((a) => a.appId)).not.toContain("app-9");
    expect(rebuilt.queue.map((a) => a.appId)).toContain("app-9");
    expect(await views(new LedgerReader(store))).toEqual(moved);
  });

  /** What a page computes from a month's lines: its report, its like for like and its basis's, and each row's change. */
  async function fromLines(reader: LedgerReader, month: string, by: (typeof REPORT_DIMENSIONS)[number], scope: ReturnType<typeof onlyUnits>) {
    const [lines, basis] = await Promise.all([monthLines(reader, month), getComparisonBasis(reader, month)]);
    const [report, compared, previous] = [
      reportFromLines(lines, by, scope),
      reportFromLines(comparableLines(lines, basis), by, scope),
      reportFromLines(basis.lines, by, scope),
    ];
    return { report, compared, basis: previous, changes: rowChanges(compared.rows, previous.rows, basis.label) };
  }

  it("stores each month's report by every dimension, like for like and its basis, as its lines add up, for every scope", async () => {
    // October closed with a correction landing in November; November compared with October (its first days while November is open).
    const store = await closedOctoberWithACorrection();
    for (const month of ["2026-10", "2026-11"])
      for (const by of REPORT_DIMENSIONS)
        for (const scope of [ALL_UNITS, onlyUnits(["Retail"]), onlyUnits(["Marketing", "Retail"])]) {
          const built = await getReportWithChanges(new LedgerReader(store), month, by, scope);
          const { store: watched, named } = counted(store);
          const read = await getReportWithChanges(new LedgerReader(watched), month, by, scope);
          expect(named("listDailyUsage")).toEqual([]);
          expect(named("listStatementLines")).toEqual([]);
          expect(read).toEqual(built);
          expect(read).toEqual(await fromLines(new LedgerReader(store), month, by, scope));
        }
    const november = await getReportWithChanges(new LedgerReader(store), "2026-11", "app", ALL_UNITS);
    expect(november.report.unmapped.apps.map((a) => a.appId)).toEqual(["app-9"]);
    expect(november.report.adjustments.map((a) => a.appId)).toEqual(["app-2"]);
  });

  it("goes stale only for the months a mapping reaches, and after a close for the month its corrections land in", async () => {
    const store = await closedOctoberWithACorrection();
    const read = async (month: string) => {
      const { store: watched, named } = counted(store);
      const reader = new LedgerReader(watched);
      const report = await getReportWithChanges(reader, month, "business-unit", ALL_UNITS);
      return { report, rebuilt: named("listDailyUsage").length > 0 || named("listStatementLines").length > 0 };
    };
    await read("2026-10");
    await read("2026-11");
    expect((await read("2026-10")).rebuilt).toBe(false);
    // From November on: October's figures and reports stand; November's are built again with app-9 mapped.
    await store.saveOrgMappings([{ appId: "app-9", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2026-11-01", validTo: null }]);
    expect((await read("2026-10")).rebuilt).toBe(false);
    const november = await read("2026-11");
    expect(november.rebuilt).toBe(true);
    expect(november.report.report.unmapped.apps).toEqual([]);
    expect((await read("2026-11")).rebuilt).toBe(false);
  });
});
