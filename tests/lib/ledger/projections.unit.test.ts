import { describe, expect, it } from "vitest";
import type { SplitRule } from "../../../lib/allocation/splitRule";
import type { Catalog } from "../../../lib/ledger/catalog";
import { buildLedger, type LedgerInputs, takeLedger } from "../../../lib/ledger/monthLedger";
import { holderDaysCodec, holderDaysOf } from "../../../lib/reports/holderDays";
import { noDetails } from "../../../lib/pricing/billedTokens";
import { chargesOf } from "../../../lib/pricing/charges";
import { PriceBook } from "../../../lib/pricing/priceBook";
import { UsagePricer } from "../../../lib/pricing/priceUsage";
import { tiersOfKinds } from "../../../lib/pricing/tokenKinds";
import { reportFromLines } from "../../../lib/reports/getChargebackReport";
import { getDailyTrend } from "../../../lib/reports/getDailyTrend";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { allocateLines } from "../../../lib/statements/allocateLines";
import { liveLines } from "../../../lib/statements/liveLines";
import type { DailyUsage } from "../../../lib/store/port";
import { snapshotItems } from "../../support/retailPrices";
import { itemAt } from "../../../lib/core/arrays";

// Hand-built ledgers: no store, so each projection is checked in milliseconds.
const pricer = new UsagePricer(new PriceBook(snapshotItems()), [{ name: "gpt-4o", model: "gpt-4o-2024-08-06", region: "eastus2", sku: "GlobalStandard" }]);
const catalog = (over: Partial<Catalog> = {}): Catalog => ({
  closedMonths: [],
  charges: chargesOf(pricer, []),
  mappings: [
    { appId: "app-1", costCenter: "CC-1", businessUnit: "Retail", validFrom: "2020-01-01", validTo: null },
    { appId: "app-2", costCenter: "CC-2", businessUnit: "Marketing", validFrom: "2020-01-01", validTo: null },
  ],
  splitRules: [],
  markups: [],
  apps: [{ appId: "app-1", displayName: "Checkout" }],
  ...over,
});
/** `calls` calls of 1,000 prompt and 100 completion tokens on gpt-4o 2024-08-06: $0.0035 each. */
const usage = (appId: string, day: string, calls: number): DailyUsage => ({
  day,
  appId,
  deployment: "gpt-4o",
  model: "gpt-4o-2024-08-06",
  region: "eastus2",
  operation: "chat.completions",
  tokenKinds: 5,
  ...tiersOfKinds(5),
  ...noDetails(),
  requests: BigInt(calls),
  promptTokens: BigInt(calls * 1000),
  cachedTokens: 0n,
  completionTokens: BigInt(calls * 100),
  reasoningTokens: 0n,
  totalTokens: BigInt(calls * 1100),
  modelTimeMs: 0n,
});
const october = {
  month: "2026-10",
  hourly: [],
  daily: [usage("app-1", "2026-10-10", 1000), usage("app-2", "2026-10-11", 200), usage("app-3", "2026-10-11", 10)],
};
/** app-1's usage split 70 % to Retail, 30 % to Marketing from October (or, with `over`, another rule so split). */
const checkoutSplit = (over: Partial<SplitRule> = {}): SplitRule => ({
  id: "shared-checkout",
  appId: "app-1",
  deployment: null,
  amount: null,
  method: "fixed",
  basis: null,
  parts: [
    { businessUnit: "Retail", costCenter: "CC-1", percent: "70", tagValue: null },
    { businessUnit: "Marketing", costCenter: "CC-2", percent: "30", tagValue: null },
  ],
  validFrom: "2026-10-01",
  validTo: null,
  ...over,
});
const linesOf = (ledger: ReturnType<typeof buildLedger>) => {
  const live = liveLines(ledger);
  return { month: ledger.month, lines: allocateLines(live.lines), unpriced: live.unpriced, currency: live.currency, closed: null };
};

describe("projections of a hand-built month ledger", () => {
  it("the report and the daily trend: each app priced on its day, at its unit, unmapped apps apart", () => {
    const ledger = buildLedger(catalog(), october);
    const report = reportFromLines(linesOf(ledger), "business-unit");
    expect(report.total).toBe("4.24");
    expect(report.rows.map((r) => [r.key, r.cost, r.requests])).toEqual([
      ["Retail", "3.50", 1000],
      ["Marketing", "0.70", 200],
    ]);
    expect(report.unmapped.apps).toEqual([{ appId: "app-3", rule: "", cost: "0.04", requests: 10 }]);
    expect(reportFromLines(linesOf(ledger), "app").rows.map((r) => r.name)).toEqual(["Checkout", "app-2"]);

    // Every day names every unit, unmapped ("") last, so a stacked chart has each series on each day.
    const trend = getDailyTrend(ledger);
    expect(trend.units).toEqual(["Marketing", "Retail", ""]);
    expect(trend.cost).toEqual({
      "2026-10-10": { Marketing: "0.00", Retail: "3.50", "": "0.00" },
      "2026-10-11": { Marketing: "0.70", Retail: "0.00", "": "0.04" },
    });
    // An owner's trend holds their unit only: no other unit, no unmapped apps.
    expect(getDailyTrend(ledger, onlyUnits(["Marketing"])).cost).toEqual({ "2026-10-11": { Marketing: "0.70" } });
  });

  it("a ledger built with proposed rules moves exactly the split app's cost, from the same inputs", () => {
    const rule = checkoutSplit();
    const now = buildLedger(catalog(), october);
    const then = buildLedger(catalog(), october, new Map(), [rule]);
    const byUnit = (l: typeof now) => reportFromLines(linesOf(l), "business-unit").rows.map((r) => [r.key, r.cost]);
    expect(byUnit(now)).toEqual([
      ["Retail", "3.50"],
      ["Marketing", "0.70"],
    ]);
    expect(byUnit(then)).toEqual([
      ["Retail", "2.45"],
      ["Marketing", "1.75"],
    ]);
    expect(then.attributed.filter((r) => r.rule === "shared-checkout")).toHaveLength(2);
  });

  it("usage no price covers stays in the ledger, counted as unpriced with its reason", () => {
    const ledger = buildLedger(catalog(), { month: "2026-10", hourly: [], daily: [{ ...usage("app-1", "2026-10-10", 5), deployment: "nowhere", model: "" }] });
    const { unpriced } = liveLines(ledger);
    expect(unpriced).toHaveLength(1);
    expect(unpriced[0]).toMatchObject({ businessUnit: "Retail", requests: 5, totalTokens: 5500 });
    expect(itemAt(unpriced, 0).reason).toMatch(/nowhere/);
  });

  it("markups are fees, a row of their own kind by model and by app, and part of each unit's cost", () => {
    const ledger = buildLedger(
      catalog({
        markups: [{ businessUnit: "*", kind: "percent", amount: "10", currency: "", costCenter: "", label: "", validFrom: "2026-01-01", validTo: null }],
      }),
      october,
    );
    const lines = linesOf(ledger);
    const byModel = reportFromLines(lines, "model");
    expect(byModel.rows.map((r) => [r.name, r.cost, r.fee ?? false])).toEqual([
      ["gpt-4o-2024-08-06", "4.20", false],
      ["Markups and fees", "0.42", true],
    ]);
    expect(
      reportFromLines(lines, "app")
        .rows.filter((r) => r.fee)
        .map((r) => r.cost),
    ).toEqual(["0.42"]);
    // By unit, the fee is what the unit is charged: no row of its own.
    expect(reportFromLines(lines, "business-unit").rows.map((r) => [r.key, r.cost, r.fee ?? false])).toEqual([
      ["Retail", "3.85", false],
      ["Marketing", "0.77", false],
    ]);
  });

  it("a ledger's rows, built field by field, hold what spreading each usage row with its charge and holder gave, in the same order", () => {
    const rules = [checkoutSplit(), checkoutSplit({ id: "platform", appId: null, amount: "310" })];
    const ledger = buildLedger(catalog(), october, new Map(), rules);
    const { charges } = catalog();
    const entries = (rows: readonly object[]) => rows.map((r) => Object.entries(r));
    const charged = october.daily.map((u) => ({ ...u, charge: charges.charge(u) }));
    expect(entries(ledger.charged.slice(0, charged.length))).toEqual(entries(charged));
    // The usage is kept as its charged rows: the same rows, each with its charge.
    expect(entries(ledger.usage.daily)).toEqual(entries(charged));

    const holders = (appId: string) => ledger.attributed.filter((r) => r.appId === appId);
    const held = (r: (typeof charged)[number], businessUnit: string, costCenter: string, rule = "") => ({ ...r, businessUnit, costCenter, rule });
    expect(entries([...holders("app-2"), ...holders("app-3")])).toEqual(
      entries([held(itemAt(charged, 1), "Marketing", "CC-2"), held(itemAt(charged, 2), "", "")]),
    );
    // A split row's parts: its counts and charge divided, every other field as the row has it.
    const [retail, marketing] = holders("app-1");
    const whole = itemAt(charged, 0);
    const split = (share: bigint, businessUnit: string, costCenter: string) => {
      const part = (n: bigint) => (n * share) / 100n;
      const counts = {
        requests: part(whole.requests),
        promptTokens: part(whole.promptTokens),
        cachedTokens: 0n,
        completionTokens: part(whole.completionTokens),
      };
      const charge = whole.charge.priced ? { ...whole.charge, atto: part(whole.charge.atto), listAtto: part(whole.charge.listAtto) } : whole.charge;
      return held(
        { ...whole, ...counts, reasoningTokens: 0n, totalTokens: part(whole.totalTokens), modelTimeMs: 0n, charge },
        businessUnit,
        costCenter,
        "shared-checkout",
      );
    };
    expect(entries([retail!, marketing!])).toEqual(entries([split(70n, "Retail", "CC-1"), split(30n, "Marketing", "CC-2")]));
    // An overhead's daily rows: fields in the order overheadRows gives them, then the charge and holder.
    const overhead = ledger.attributed.filter((r) => r.rule === "platform");
    expect(overhead).toHaveLength(62);
    expect(overhead.every((r) => Object.keys(r).join() === Object.keys(itemAt(overhead, 0)).join())).toBe(true);
    expect(Object.keys(itemAt(overhead, 0))).toEqual([...Object.keys(whole), "businessUnit", "costCenter", "rule"]);
  });

  it("a ledger taken from its inputs lets go of them as it builds, and is the ledger built from them", () => {
    const rules = [checkoutSplit()];
    const inputs: LedgerInputs = { usage: october, tagUsage: new Map() };
    const taken = takeLedger(catalog(), inputs, rules);
    expect(inputs).toEqual({ usage: undefined, tagUsage: undefined });
    const built = buildLedger(catalog(), october, new Map(), rules);
    expect(taken.charged).toEqual(built.charged);
    expect(taken.attributed).toEqual(built.attributed);
    expect(taken.usage).toEqual(built.usage);
    // Given once: a second build from the same (emptied) inputs is a mistake, said as one.
    expect(() => takeLedger(catalog(), inputs, rules)).toThrow(/usage/);
  });

  it("holder days: one per day, holder, app and model in first-seen order, summed exactly, overheads and unpriced usage left out", () => {
    const daily = [
      usage("app-2", "2026-10-11", 200),
      usage("app-1", "2026-10-10", 1000),
      { ...usage("app-1", "2026-10-10", 5), deployment: "nowhere", model: "" },
      { ...usage("app-2", "2026-10-11", 3), operation: "responses" },
    ];
    const rules = [checkoutSplit(), checkoutSplit({ id: "platform", appId: null, amount: "310" })];
    const ledger = buildLedger(catalog(), { month: "2026-10", hourly: [], daily }, new Map(), rules);
    const days = holderDaysOf(ledger);
    const atto = (appId: string, unit: string) =>
      ledger.attributed
        .filter((r) => r.appId === appId && r.businessUnit === unit && r.charge.priced)
        .reduce((a, r) => a + (r.charge.priced ? r.charge.atto : 0n), 0n);
    expect(days.map((d) => [d.day, d.businessUnit, d.costCenter, d.appId, d.model, d.atto, d.tokens.promptTokens, d.tokens.completionTokens])).toEqual([
      ["2026-10-11", "Marketing", "CC-2", "app-2", "gpt-4o-2024-08-06", atto("app-2", "Marketing"), 203_000, 20_300],
      ["2026-10-10", "Retail", "CC-1", "app-1", "gpt-4o-2024-08-06", atto("app-1", "Retail"), 700_000, 70_000],
      ["2026-10-10", "Marketing", "CC-2", "app-1", "gpt-4o-2024-08-06", atto("app-1", "Marketing"), 300_000, 30_000],
    ]);
  });

  it("holder days' JSON is byte for byte what JSON.stringify made of them as arrays, over several chunks, and reads back", () => {
    const names = ['Retail "East"', "Mar\\keting\n", "caf\u00e9 \u{1F600}", "\u0000"];
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      day: `2026-10-${String((i % 28) + 1).padStart(2, "0")}`,
      businessUnit: itemAt(names, i % names.length),
      costCenter: `CC-${i % 7}`,
      appId: `app-${i % 1300}`,
      model: itemAt(names, (i + 1) % names.length),
      atto: BigInt(i) * 10n ** 20n - 7n,
      tokens: { promptTokens: i * 1000, cachedTokens: 0, completionTokens: 2 ** 40 + i, reasoningTokens: i % 3 },
    }));
    const json = holderDaysCodec.json(rows);
    const ids = new Map<string, number>();
    const id = (n: string) => ids.get(n) ?? (ids.set(n, ids.size), ids.size - 1);
    const arrays = rows.map((r) => [
      id(r.day),
      id(r.businessUnit),
      id(r.costCenter),
      id(r.appId),
      id(r.model),
      r.atto.toString(),
      [r.tokens.promptTokens, r.tokens.cachedTokens, r.tokens.completionTokens, r.tokens.reasoningTokens],
    ]);
    expect(json).toBe(JSON.stringify({ rows: arrays, names: [...ids.keys()] }));
    expect(holderDaysCodec.decode(JSON.parse(json) as never)).toEqual(rows);
    expect(holderDaysCodec.json([])).toBe(JSON.stringify({ rows: [], names: [] }));
  });
});
