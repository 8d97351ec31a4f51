import { tiersOfKinds } from "../../../lib/pricing/tokenKinds";
import { noDetails } from "../../../lib/pricing/billedTokens";
import { describe, expect, it } from "vitest";
import { attributeRow, overheadRows } from "../../../lib/allocation/attributedUsage";
import { Attribution } from "../../../lib/allocation/attribution";
import { measureShares, type TagUsage } from "../../../lib/allocation/measureShares";
import { SplitRule } from "../../../lib/allocation/splitRule";
import type { ChargedUsage } from "../../../lib/pricing/chargedUsage";
import type { OrgMapping } from "../../../lib/org/orgMapping";

const map = (appId: string, costCenter: string, businessUnit: string, validFrom = "2026-01-01", validTo: string | null = null): OrgMapping => ({
  appId,
  costCenter,
  businessUnit,
  validFrom,
  validTo,
});
const MAPPINGS = [map("assistant", "CC-IT", "IT"), map("shop", "CC-R", "Retail"), map("ops-bot", "CC-O", "Ops"), map("ledger", "CC-F", "Finance")];
const part = (costCenter: string, businessUnit: string, percent?: string, tagValue?: string) => ({ costCenter, businessUnit, percent, tagValue });
const rule = (o: Record<string, unknown>) =>
  SplitRule.parse({ id: "r", appId: "assistant", method: "even", parts: [part("CC-R", "Retail"), part("CC-O", "Ops")], validFrom: "2026-10-01", ...o });

const row = (appId: string, day: string, atto: bigint, totalTokens = 0n, deployment = "gpt-4o"): ChargedUsage => ({
  day,
  appId,
  deployment,
  model: "gpt-4o",
  region: "eastus2",
  operation: "chat",
  tokenKinds: 3,
  ...tiersOfKinds(3),
  ...noDetails(),
  requests: 10n,
  promptTokens: totalTokens,
  cachedTokens: 0n,
  completionTokens: 0n,
  reasoningTokens: 0n,
  totalTokens,
  modelTimeMs: 0n,
  charge: { priced: true, atto, listAtto: atto * 2n, modelId: "gpt-4o-2024-08-06", prices: [] },
});
const split = (a: Attribution, r: ChargedUsage) =>
  attributeRow(r, a.sharesOf(r.appId, r.deployment, r.day)).map((p) => [p.businessUnit, p.costCenter, p.rule, p.charge.priced ? p.charge.atto : null]);

describe("attribution", () => {
  it("splits a fixed 50/30/20 rule exactly, list cost and counts too, each part naming the rule", () => {
    const a = new Attribution(MAPPINGS, [
      rule({ id: "fixed", method: "fixed", parts: [part("CC-R", "Retail", "50"), part("CC-O", "Ops", "30"), part("CC-F", "Finance", "20")] }),
    ]);
    const parts = attributeRow(row("assistant", "2026-10-05", 1001n, 7n), a.sharesOf("assistant", "gpt-4o", "2026-10-05"));
    expect(parts.map((p) => [p.costCenter, p.rule, p.charge.priced && p.charge.atto, p.charge.priced && p.charge.listAtto, p.totalTokens, p.requests])).toEqual(
      [
        ["CC-R", "fixed", 501n, 1001n, 4n, 5n],
        ["CC-O", "fixed", 300n, 601n, 2n, 3n],
        ["CC-F", "fixed", 200n, 400n, 1n, 2n],
      ],
    );
  });

  it("splits evenly by largest remainder, the earlier part taking a tie", () => {
    const a = new Attribution(MAPPINGS, [rule({ parts: [part("CC-R", "Retail"), part("CC-O", "Ops"), part("CC-F", "Finance")] })]);
    expect(split(a, row("assistant", "2026-10-05", 10n))).toEqual([
      ["Retail", "CC-R", "r", 4n],
      ["Ops", "CC-O", "r", 3n],
      ["Finance", "CC-F", "r", 3n],
    ]);
  });

  it("uses a rule only on the days it covers, the mapping on the others, and leaves usage covered by neither unmapped", () => {
    const a = new Attribution(MAPPINGS, [rule({ validTo: "2026-10-20" }), rule({ id: "orphan-rule", appId: "orphan", validTo: "2026-10-10" })]);
    expect(split(a, row("assistant", "2026-09-30", 10n))).toEqual([["IT", "CC-IT", "", 10n]]);
    expect(split(a, row("assistant", "2026-10-19", 10n))).toEqual([
      ["Retail", "CC-R", "r", 5n],
      ["Ops", "CC-O", "r", 5n],
    ]);
    expect(split(a, row("assistant", "2026-10-20", 10n))).toEqual([["IT", "CC-IT", "", 10n]]);
    expect(split(a, row("orphan", "2026-10-12", 10n))).toEqual([["", "", "", 10n]]);
    expect(a.covers("orphan", "gpt-4o", "2026-10-09")).toBe(true);
    expect(a.covers("orphan", "gpt-4o", "2026-10-12")).toBe(false);
  });

  it("splits a deployment's usage by its rule, unless the app has a rule of its own", () => {
    const a = new Attribution(MAPPINGS, [rule({ id: "dep", appId: null, deployment: "shared-4o", parts: [part("CC-F", "Finance")] }), rule({ id: "app" })]);
    expect(split(a, row("shop", "2026-10-05", 10n, 0n, "shared-4o"))).toEqual([["Finance", "CC-F", "dep", 10n]]);
    expect(split(a, row("assistant", "2026-10-05", 10n, 0n, "shared-4o"))).toEqual([
      ["Retail", "CC-R", "app", 5n],
      ["Ops", "CC-O", "app", 5n],
    ]);
  });

  it("shares by the tokens, or the cost, of each cost center's own apps on the rule's days", () => {
    const rows = [
      row("shop", "2026-10-02", 100n, 3000n),
      row("ops-bot", "2026-10-02", 300n, 1000n),
      // Outside the rule's days, and the split app itself: not measured.
      row("shop", "2026-09-30", 10_000n, 99_000n),
      row("assistant", "2026-10-02", 10_000n, 99_000n),
    ];
    for (const [basis, expected] of [
      [
        "tokens",
        [
          ["Retail", "CC-R", "r", 75n],
          ["Ops", "CC-O", "r", 25n],
        ],
      ],
      [
        "cost",
        [
          ["Retail", "CC-R", "r", 25n],
          ["Ops", "CC-O", "r", 75n],
        ],
      ],
    ] as const) {
      const rules = [rule({ method: "share", basis })];
      const a = new Attribution(
        MAPPINGS,
        rules,
        measureShares(new Attribution(MAPPINGS, rules), rows, () => []),
      );
      expect(split(a, row("assistant", "2026-10-03", 100n)), basis).toEqual(expected);
    }
  });

  it("shares by tag: tokens of the app tagged with each part's value; other values are the rule's unallocated part", () => {
    const rules = [
      rule({ method: "share", basis: "tag:feature", parts: [part("CC-R", "Retail", undefined, "search"), part("CC-O", "Ops", undefined, "chat")] }),
    ];
    const tag = (appId: string, value: string, totalTokens: bigint, day = "2026-10-02"): TagUsage => ({ day, appId, deployment: "gpt-4o", value, totalTokens });
    const tagRows = [
      tag("assistant", "search", 500n),
      tag("assistant", "chat", 300n),
      tag("assistant", "beta", 200n),
      tag("shop", "search", 9_000n),
      tag("assistant", "chat", 9_000n, "2026-09-30"),
    ];
    const asked: string[] = [];
    const measured = measureShares(new Attribution(MAPPINGS, rules), [], (key) => (asked.push(key), tagRows));
    expect(asked).toEqual(["feature"]);
    const a = new Attribution(MAPPINGS, rules, measured);
    expect(split(a, row("assistant", "2026-10-03", 1000n))).toEqual([
      ["Retail", "CC-R", "r", 500n],
      ["Ops", "CC-O", "r", 300n],
      ["", "", "r", 200n],
    ]);
  });

  it("leaves the whole amount unallocated, visibly under the rule, when the basis measured nothing", () => {
    const rules = [rule({ method: "share", basis: "tag:feature", parts: [part("CC-R", "Retail", undefined, "search")] })];
    const a = new Attribution(
      MAPPINGS,
      rules,
      measureShares(new Attribution(MAPPINGS, rules), [], () => []),
    );
    expect(split(a, row("assistant", "2026-10-03", 1000n))).toEqual([["", "", "r", 1000n]]);
  });

  it("spreads a monthly overhead over the month's days exactly, and charges only the days its rule covers", () => {
    const whole = rule({ id: "gateway", appId: null, amount: "100" });
    const days = overheadRows([whole], "2026-10");
    expect(days).toHaveLength(31);
    expect(days.reduce((s, r) => s + (r.charge.priced ? r.charge.atto : 0n), 0n)).toBe(100n * 10n ** 18n);
    const big = overheadRows([rule({ id: "gateway", appId: null, amount: "1200", validFrom: "2026-10-11", validTo: "2026-10-21" })], "2026-10");
    expect(big.map((r) => r.day)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-10-${11 + i}`));
    expect(new Set(big.map((r) => r.appId))).toEqual(new Set(["overhead:gateway"]));
    // 1200 over 31 days, 10 of them charged: 1200 * 10 / 31 to the 10^-18, the rest of the month uncharged.
    const charged = big.reduce((s, r) => s + (r.charge.priced ? r.charge.atto : 0n), 0n);
    expect(charged - (1200n * 10n ** 18n * 10n) / 31n).toBeLessThanOrEqual(10n);
  });
});
