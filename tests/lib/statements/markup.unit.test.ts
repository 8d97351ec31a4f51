import { describe, expect, it } from "vitest";
import { Markup, findMarkupOverlaps } from "../../../lib/statements/markup";
import { markupLines } from "../../../lib/statements/markupLines";
import { noTokens, type StatementLine } from "../../../lib/statements/statementLine";
import { itemAt } from "../../../lib/core/arrays";

const USD = 10n ** 18n;
const usage = (businessUnit: string, costCenter: string, appId: string, atto: bigint): StatementLine => ({
  kind: "usage",
  forMonth: "2026-09",
  businessUnit,
  costCenter,
  appId,
  appName: appId,
  model: "gpt-4o-2024-08-06",
  rule: "",
  reason: "",
  tokens: noTokens(),
  atto,
  listAtto: atto,
  prices: [],
});
const markup = (fields: Record<string, string>) => Markup.parse({ validFrom: "2026-09-01", ...fields });
const month = [
  usage("Retail", "CC-1", "a", 300n * USD),
  usage("Retail", "CC-2", "b", 100n * USD),
  usage("Ops", "CC-9", "c", 100n * USD + 1n),
  usage("", "", "stray", 50n * USD),
];
const amounts = (lines: StatementLine[]) => lines.map((l) => [l.businessUnit, l.costCenter, l.appId, l.atto]);

describe("markups", () => {
  it("charges a percentage of each cost center's usage cost, a unit's own percentage before the one for every unit", () => {
    const { lines } = markupLines(
      month,
      [markup({ businessUnit: "*", kind: "percent", amount: "5" }), markup({ businessUnit: "Ops", kind: "percent", amount: "2.5" })],
      "2026-09",
      "USD",
    );
    expect(amounts(lines)).toEqual([
      ["Retail", "CC-1", "platform-markup", 15n * USD],
      ["Retail", "CC-2", "platform-markup", 5n * USD],
      // 2.5% of 100 USD + 1 atto: half an atto rounds up.
      ["Ops", "CC-9", "platform-markup", 2_500_000_000_000_000_000n],
    ]);
    expect(lines.every((l) => l.kind === "markup" && l.listAtto === l.atto && l.tokens.requests === 0)).toBe(true);
    expect(itemAt(lines, 2).reason).toBe("2.5% of usage cost, Ops, from 2026-09-01");
  });

  it("puts a unit's fee on its cost center and shares a fee of every unit by usage cost, exactly", () => {
    const rules = [
      markup({ businessUnit: "Ops", kind: "fee", amount: "200", currency: "USD", costCenter: "CC-7" }),
      markup({ businessUnit: "*", kind: "fee", amount: "1000", currency: "usd" }),
    ];
    const { lines } = markupLines([...month.slice(0, 2), usage("Ops", "CC-9", "c", 100n * USD)], rules, "2026-09", "USD");
    expect(amounts(lines)).toEqual([
      ["Ops", "CC-7", "platform-fee:Ops", 200n * USD],
      ["Ops", "CC-9", "platform-fee:*", 200n * USD],
      ["Retail", "CC-1", "platform-fee:*", 600n * USD],
      ["Retail", "CC-2", "platform-fee:*", 200n * USD],
    ]);
    // Shares that do not divide evenly still add up to the fee to the 10⁻¹⁸.
    const odd = markupLines(month, rules.slice(1), "2026-09", "USD").lines;
    expect(odd.reduce((a, l) => a + l.atto, 0n)).toBe(1000n * USD);
  });

  it("applies only in the months it covers, and lists a fee in another currency instead of charging it", () => {
    const rules = [
      markup({ businessUnit: "*", kind: "percent", amount: "5", validFrom: "2026-10-01" }),
      markup({ businessUnit: "Retail", kind: "fee", amount: "100", currency: "EUR", costCenter: "CC-1", validTo: "2026-10-01" }),
    ];
    const september = markupLines(month, rules, "2026-09", "USD");
    expect(september.lines).toEqual([]);
    expect(september.unpriced).toEqual([
      {
        businessUnit: "Retail",
        reason: "platform fee (100 EUR a month, Retail, from 2026-09-01 to 2026-10-01) is in EUR, the reports are in USD",
        requests: 0,
        totalTokens: 0,
      },
    ]);
    expect(markupLines(month, rules, "2026-10", "USD").lines).toHaveLength(3);
  });

  it("shares a fee only among units whose actual cost is above zero, on a month closed on actual cost", () => {
    const credit = { ...usage("Ops", "CC-9", "c", -150n * USD), kind: "trueup" as const };
    const { lines } = markupLines(
      [...month.slice(0, 2), usage("Ops", "CC-9", "c", 100n * USD), credit],
      [markup({ businessUnit: "*", kind: "fee", amount: "1000", currency: "USD" })],
      "2026-09",
      "USD",
    );
    expect(amounts(lines)).toEqual([
      ["Retail", "CC-1", "platform-fee:*", 750n * USD],
      ["Retail", "CC-2", "platform-fee:*", 250n * USD],
    ]);
  });

  it("keeps a shared fee visible as an unmapped line when no unit used anything", () => {
    const { lines } = markupLines([usage("", "", "stray", 5n)], [markup({ businessUnit: "*", kind: "fee", amount: "10", currency: "USD" })], "2026-09", "USD");
    expect(amounts(lines)).toEqual([["", "", "platform-fee:*", 10n * USD]]);
  });

  it("refuses rules that are not whole months, fees without a carrier and percentages with a currency", () => {
    const problems = (fields: Record<string, string>) =>
      Markup.safeParse({ validFrom: "2026-09-01", ...fields }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(problems({ businessUnit: "*", kind: "percent", amount: "5", validFrom: "2026-09-15" })).toEqual([
      "validFrom: markups apply to whole months: give the 1st of a month",
    ]);
    expect(problems({ businessUnit: "Ops", kind: "fee", amount: "5", currency: "USD" })).toEqual([
      "costCenter: is required for a unit's fee: name the cost center that carries it",
    ]);
    expect(problems({ businessUnit: "*", kind: "percent", amount: "5", currency: "USD" })).toEqual([
      "currency: is only for fees: a percentage is in the reports' currency",
    ]);
    expect(problems({ businessUnit: "*", kind: "fee", amount: "5.123", currency: "USD" })).toEqual([
      "amount: must be an amount such as 500 or 1250.50 (at most 2 decimals)",
    ]);
  });

  it("refuses two markups of one unit and kind in the same month", () => {
    const a = markup({ businessUnit: "Ops", kind: "percent", amount: "5", validTo: "2026-12-01" });
    const b = markup({ businessUnit: "Ops", kind: "percent", amount: "6", validFrom: "2026-11-01" });
    expect(findMarkupOverlaps([a, b, markup({ businessUnit: "Ops", kind: "fee", amount: "1", currency: "USD", costCenter: "X" })])).toEqual([
      "Ops: the percent from 2026-09-01 overlaps the one from 2026-11-01",
    ]);
  });
});
