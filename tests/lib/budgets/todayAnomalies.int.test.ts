import { describe, expect, it } from "vitest";
import { anomaliesFor } from "../../../lib/budgets/anomaliesFor";
import { getTodayAnomalies } from "../../../lib/budgets/getTodayAnomalies";
import { nextDay } from "../../../lib/core/months";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { ingestLines, v1Event } from "../../support/ingest";
import { octoberAndNovember } from "../../support/twoMonths";

const TODAY = "2026-11-19";
/** 1M prompt and 100 completion tokens on gpt-4o 2024-08-06: $2.501 a call. */
const call = (appId: string, time: string, i: number, completionTokens = 100) =>
  v1Event({ requestId: `h-${appId}-${time}-${i}`, appId, time, promptTokens: 1_000_000, completionTokens, totalTokens: 1_000_000 + completionTokens });

/**
 * Nine weeks of Retail's app-1: 3 to 5 calls at 09:00 UTC every day and 15 at 20:00. Today it has
 * made 16 calls by 10:00 with ten times the completion tokens: a whole usual day's cost by 10:00.
 */
async function store() {
  const s = await octoberAndNovember();
  const lines: string[] = [];
  let i = 0;
  for (let day = "2026-09-17"; day < TODAY; day = nextDay(day), i++) {
    for (let k = 0; k < 3 + (i % 3); k++) lines.push(call("app-1", `${day}T09:00:00Z`, k));
    for (let k = 0; k < 15; k++) lines.push(call("app-1", `${day}T20:00:00Z`, k));
  }
  for (let k = 0; k < 16; k++) lines.push(call("app-1", `${TODAY}T09:30:00Z`, k, 1_000));
  await ingestLines(s, lines);
  return s;
}

describe("today so far", () => {
  it("flags a unit whose finished hours today cost far more than the same hours of the same weekday, with its driver", async () => {
    const s = await store();
    const reader = new LedgerReader(s);
    const found = await getTodayAnomalies(reader, [], { at: Date.parse(`${TODAY}T10:30:00Z`) });
    expect(found.map((a) => [a.key, a.day, a.until])).toEqual([[`unit:Retail|${TODAY}|today`, TODAY, "10:00"]]);
    const [spike] = found;
    // 16 calls against a usual 4 in the same hours (the evening's 15 are not compared).
    expect(spike?.cents).toBe(4_016);
    expect(spike?.baselineCents).toBe(1_000);
    expect(spike?.driver).toMatchObject({ part: "app-1", partKind: "app", tokenKind: "completionTokens" });

    // Before the hour of the spike is over there is nothing to compare; an owner of another unit sees nothing; a dismissed one is hidden.
    expect(await getTodayAnomalies(reader, [], { at: Date.parse(`${TODAY}T09:45:00Z`) })).toEqual([]);
    expect(await getTodayAnomalies(reader, [], { at: Date.parse(`${TODAY}T10:30:00Z`), units: new Set(["Marketing"]) })).toEqual([]);
    const dismissed = [{ anomaly: `unit:Retail|${TODAY}|today`, decision: "dismissed" as const, note: "" }];
    expect(await getTodayAnomalies(reader, dismissed, { at: Date.parse(`${TODAY}T10:30:00Z`) })).toEqual([]);
  });

  it("is listed first on the open month's Anomalies page, for finance and the unit's owner, and not in another month", async () => {
    const s = await store();
    const at = Date.parse(`${TODAY}T10:30:00Z`);
    const key = `unit:Retail|${TODAY}|today`;
    expect((await anomaliesFor(s, { roles: ["finance"], ownedUnits: [] }, "2026-11", false, at))[0]?.key).toBe(key);
    expect((await anomaliesFor(s, { roles: [], ownedUnits: ["Retail"] }, "2026-11", false, at))[0]?.key).toBe(key);
    expect((await anomaliesFor(s, { roles: [], ownedUnits: ["Marketing"] }, "2026-11", false, at)).map((a) => a.key)).not.toContain(key);
    expect((await anomaliesFor(s, { roles: ["finance"], ownedUnits: [] }, "2026-10", false, at)).map((a) => a.key)).not.toContain(key);
  });
});
