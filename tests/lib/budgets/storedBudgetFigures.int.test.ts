import { describe, expect, it } from "vitest";
import { getAnomalies } from "../../../lib/budgets/getAnomalies";
import { getBudgetOutlook, type OutlookTarget } from "../../../lib/budgets/getBudgetOutlook";
import { readBudgets } from "../../../lib/budgets/budgetsCsv";
import { refreshMonthFigures, staleFigureMonths } from "../../../lib/budgets/refreshBudgetFigures";
import { nextDay } from "../../../lib/core/months";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import type { UsageStore } from "../../../lib/store/port";
import { counted } from "../../support/countedStore";
import { ingestLines, v1Event } from "../../support/ingest";
import { octoberAndNovember } from "../../support/twoMonths";

const NOV_19 = Date.parse("2026-11-19T12:00:00Z");
const NOV_26 = Date.parse("2026-11-26T12:00:00Z");
const SPIKE = "2026-11-18";
const MONTHS = ["2026-08", "2026-09", "2026-10", "2026-11"];
const BUDGETS = readBudgets("scope,amount,validFrom\nbusiness-unit:Retail,900,2026-09-01\napp:app-1,700,2026-09-01\n", "b.csv", "USD");
/** 1M prompt and 100 completion tokens on gpt-4o 2024-08-06: $2.501 a call. */
const call = (appId: string, day: string, i: number, completionTokens = 100) =>
  v1Event({
    requestId: `big-${appId}-${day}-${i}`,
    appId,
    time: `${day}T10:00:00Z`,
    promptTokens: 1_000_000,
    completionTokens,
    totalTokens: 1_000_000 + completionTokens,
  });

/** Retail's app-1 at 3 to 5 big calls a day and Marketing's app-2 at two, from September 20; on SPIKE app-1 makes 20 bigger calls. */
async function spikedStore(): Promise<UsageStore> {
  const store = await octoberAndNovember();
  const lines: string[] = [];
  let i = 0;
  for (let day = "2026-09-20"; day < "2026-11-20"; day = nextDay(day), i++) {
    const n = day === SPIKE ? 20 : 3 + (i % 3);
    for (let k = 0; k < n; k++) lines.push(call("app-1", day, k, day === SPIKE ? 1_000 : 100));
    for (let k = 0; k < 2; k++) lines.push(call("app-2", day, k));
  }
  await ingestLines(store, lines);
  return store;
}

/** What the overview, Retail's page and app-1's page show of budgets and anomalies, as of `at`. */
async function pages(reader: LedgerReader, at: number) {
  const outlook = (target: OutlookTarget) => getBudgetOutlook(reader, "2026-11", target, BUDGETS, { at });
  const anomalies = (units: "all" | ReadonlySet<string>) => getAnomalies(reader, "2026-11", [], { units, at });
  return {
    overview: await outlook({ units: "all" }),
    unit: await outlook({ scope: "business-unit:Retail" }),
    app: await outlook({ scope: "app:app-1" }),
    all: await anomalies("all"),
    retail: await anomalies(new Set(["Retail"])),
    marketing: await anomalies(new Set(["Marketing"])),
  };
}

describe("the stored forecasts and anomalies", () => {
  it("show what the month's holder days add up to, read without them once refreshed, as of the day asked", async () => {
    const store = await spikedStore();
    const fresh = await pages(new LedgerReader(store), NOV_19);
    expect(fresh.all.map((a) => a.key).sort()).toEqual([`app:app-1|${SPIKE}`, `model:gpt-4o-2024-08-06|${SPIKE}`, `unit:Retail|${SPIKE}`]);
    expect(fresh.retail.map((a) => a.key).sort()).toEqual([`app:app-1|${SPIKE}`, `model:gpt-4o-2024-08-06|${SPIKE}`, `unit:Retail|${SPIKE}`]);
    expect(fresh.marketing).toEqual([]);
    expect(fresh.unit.forecast).not.toBeNull();
    // Each unit's and each app's, built together, are what the same rows filtered for that scope alone give.
    const reader = new LedgerReader(store);
    expect(await getAnomalies(reader, "2026-11", [], { units: new Set(["Retail", "Nowhere"]), at: NOV_19 })).toEqual(fresh.retail);
    expect(await getBudgetOutlook(reader, "2026-11", { units: ["Retail"] }, BUDGETS, { at: NOV_19 })).toEqual(fresh.unit);
    expect(await getBudgetOutlook(reader, "2026-11", { scope: "app:app-1", within: ["Marketing", "Retail"] }, BUDGETS, { at: NOV_19 })).toEqual(fresh.app);

    // Refreshed as the figures task does: a page then reads only its scope's stored result.
    await refreshMonthFigures(store, MONTHS, NOV_19);
    expect(await staleFigureMonths(store, MONTHS, NOV_19)).toEqual([]);
    const { store: watched, named } = counted(store);
    expect(await pages(new LedgerReader(watched), NOV_19)).toEqual(fresh);
    expect(named("listDailyUsage")).toEqual([]);
    expect(named("getLedgerPart").filter((c) => c.includes("holderDays"))).toEqual([]);

    // A week later the open month's are stale and built again for that day: the spike is then in the history.
    expect(await staleFigureMonths(store, MONTHS, NOV_26)).toEqual(["2026-11"]);
    const later = await pages(new LedgerReader(store), NOV_26);
    expect(later.unit.days.filter((d) => d.actual !== null)).toHaveLength(26);
    expect(later).not.toEqual(fresh);
  });

  it("are built again when the month's usage changes", async () => {
    const store = await spikedStore();
    await refreshMonthFigures(store, MONTHS, NOV_19);
    const before = await pages(new LedgerReader(store), NOV_19);
    await ingestLines(store, [call("app-2", "2026-11-17", 99)]);
    expect(await staleFigureMonths(store, MONTHS, NOV_19)).toEqual(["2026-11"]);
    const after = await pages(new LedgerReader(store), NOV_19);
    // The bars up to the 16th stand; from the 17th on, the new call is in them.
    expect(after.overview.days.slice(0, 16)).toEqual(before.overview.days.slice(0, 16));
    expect(after.overview.days[16]?.actual).not.toBe(before.overview.days[16]?.actual);
  });
});
