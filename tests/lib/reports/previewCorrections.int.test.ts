import { describe, expect, it } from "vitest";
import { changeMappings, mergeMappings, planMove } from "../../../lib/org/changeMappings";
import { changeSplitRules, withSplitRules } from "../../../lib/allocation/changeSplitRules";
import { SplitRule } from "../../../lib/allocation/splitRule";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { adjustmentsLandingIn } from "../../../lib/statements/adjustments";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { attoToCents, formatCents } from "../../../lib/core/money";
import { previewCorrections } from "../../../lib/reports/previewCorrections";
import { NOV_5, octoberAndNovember } from "../../support/twoMonths";

const ADMIN = { actor: "Ada <admin>", action: "test", reason: "because" };
const toMarketing = { appId: "app-1", costCenter: "CC-2", businessUnit: "Marketing" };

/** What the corrections landing in November come to per unit, once booked: what a preview must have said. */
async function bookedPerUnit(store: Awaited<ReturnType<typeof octoberAndNovember>>) {
  const byUnit = new Map<string, bigint>();
  for (const l of await adjustmentsLandingIn(new LedgerReader(store), "2026-11")) byUnit.set(l.businessUnit, (byUnit.get(l.businessUnit) ?? 0n) + l.atto);
  return [...byUnit].map(([businessUnit, atto]) => ({ forMonth: "2026-10", landing: "2026-11", businessUnit, cost: formatCents(attoToCents(atto)) }));
}

describe("the corrections a change would book in closed months", () => {
  it("a move into closed October shows each unit's correction, exactly what applying it books, and saves nothing", async () => {
    const store = await octoberAndNovember(); // app-1: 1,000 events of $0.0035 on 2026-10-10 in Retail
    await closeMonth(store, "2026-10", "fin", NOV_5);
    const existing = await store.listOrgMappings();
    const rows = planMove(existing, { ...toMarketing, from: "2026-10-01" });
    const impact = await previewCorrections(store, { from: "2026-10-01", mappings: mergeMappings(existing, rows) });
    expect(impact).toEqual([
      { forMonth: "2026-10", landing: "2026-11", businessUnit: "Marketing", cost: "3.50" },
      { forMonth: "2026-10", landing: "2026-11", businessUnit: "Retail", cost: "-3.50" },
    ]);
    expect(await store.listOrgMappings()).toEqual(existing);
    expect(await bookedPerUnit(store)).toEqual([]);

    await changeMappings(store, rows, ADMIN);
    expect((await bookedPerUnit(store)).sort((a, b) => a.businessUnit.localeCompare(b.businessUnit))).toEqual(impact);
  });

  it("a move within open months, or any change before a month is closed, books none", async () => {
    const store = await octoberAndNovember();
    const existing = await store.listOrgMappings();
    const inOctober = mergeMappings(existing, planMove(existing, { ...toMarketing, from: "2026-10-01" }));
    expect(await previewCorrections(store, { from: "2026-10-01", mappings: inOctober })).toEqual([]);
    await closeMonth(store, "2026-10", "fin", NOV_5);
    const inNovember = mergeMappings(existing, planMove(existing, { ...toMarketing, from: "2026-11-01" }));
    expect(await previewCorrections(store, { from: "2026-11-01", mappings: inNovember })).toEqual([]);
  });

  it("a split rule over closed October shows the half of the app it moves", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    const rule = SplitRule.parse({
      id: "half",
      appId: "app-1",
      method: "fixed",
      parts: [
        { costCenter: "CC-1", businessUnit: "Retail", percent: "50" },
        { costCenter: "CC-2", businessUnit: "Marketing", percent: "50" },
      ],
      validFrom: "2026-10-01",
    });
    const impact = await previewCorrections(store, { from: rule.validFrom, splitRules: await withSplitRules(store, [rule]) });
    expect(impact.map((r) => [r.businessUnit, r.cost])).toEqual([
      ["Marketing", "1.75"],
      ["Retail", "-1.75"],
    ]);
    await changeSplitRules(store, [rule], ADMIN);
    const booked = (await bookedPerUnit(store)).filter((r) => r.businessUnit !== "").sort((a, b) => a.businessUnit.localeCompare(b.businessUnit));
    expect(booked.map((r) => [r.businessUnit, r.cost])).toEqual(impact.map((r) => [r.businessUnit, r.cost]));
  });
});
