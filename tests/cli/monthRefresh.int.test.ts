import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { getMonthView } from "../../lib/reports/getMonthView";
import { getDimensionReport } from "../../lib/reports/getDimensionReport";
import { SqliteStore } from "../../lib/store/sqlite/sqliteStore";
import { runCli } from "../support/cli";
import { counted } from "../support/countedStore";
import { freshStore } from "../support/store";
import { seedOctoberAndNovember } from "../support/twoMonths";

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { month: string; asOf: string });

describe("chargeback month refresh", () => {
  it("builds every month's stale figures, so a page reads no usage; run again, it builds nothing", async () => {
    const { store, file } = freshStore();
    await seedOctoberAndNovember(store);
    await store.close();

    const first = lines((await runCli(["month", "refresh"], { db: file })).stdout);
    expect(first.map((r) => r.month)).toEqual(["2026-10", "2026-11"]);
    const again = lines((await runCli(["month", "refresh", "2026-11"], { db: file })).stdout);
    expect(again).toEqual([first[1]]);

    const { store: watched, named } = counted(SqliteStore.open(file));
    const reader = new LedgerReader(watched);
    const view = await getMonthView(reader, "2026-11");
    await getDimensionReport(reader, "2026-11", "tag:project");
    expect(named("listDailyUsage")).toEqual([]);
    expect(named("listDailyDimensionUsage")).toEqual([]);
    expect(named("listDailyOutcomes")).toEqual([]);
    expect(view.lines.lines.some((l) => l.appId === "app-1")).toBe(true);
    await watched.close();
  });
});
