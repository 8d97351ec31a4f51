import { describe, expect, it } from "vitest";
import { importSplitRules } from "../../../lib/allocation/splitRulesCsv";
import { parseEventLine } from "../../../lib/events/parseEventLine";
import { utcDay } from "../../../lib/events/parseEventTime";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { unmappedQueue } from "../../../lib/reports/unmappedQueue";
import { importDeployments } from "../../../lib/pricing/importDeployments";
import { importRetailPrices } from "../../../lib/pricing/importRetailPrices";
import { loadPricer } from "../../../lib/pricing/loadPricer";
import { attoToCents, parseCents } from "../../../lib/core/money";
import { getAppReport } from "../../../lib/reports/getAppReport";
import { getChargebackReport, REPORT_DIMENSIONS } from "../../../lib/reports/getChargebackReport";
import { monthLines } from "../../../lib/statements/monthLines";
import { getDailyTrend } from "../../../lib/reports/getDailyTrend";
import { getDimensionReport } from "../../../lib/reports/getDimensionReport";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { importMarkups } from "../../../lib/statements/importMarkups";
import { liveLines } from "../../../lib/statements/liveLines";
import { ingestLines, v1Event } from "../../support/ingest";
import { snapshotItems } from "../../support/retailPrices";
import { freshStore } from "../../support/store";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { itemAt } from "../../../lib/core/arrays";

const MONTH = "2026-10";
const ORG = ["appId,costCenter,businessUnit,validFrom", "assistant,CC-IT,IT,2026-01-01", "shop,CC-R,Retail,2026-01-01", "ops-bot,CC-O,Ops,2026-01-01"].join(
  "\n",
);
const RULES = [
  "rule,method,costCenter,businessUnit,validFrom,validTo,appId,amount,basis,percent,tagValue",
  // 50/30/20 for the first half of the month; the assistant's own mapping after it.
  "shared-assistant,fixed,CC-R,Retail,2026-10-01,2026-10-16,assistant,,,50,",
  "shared-assistant,fixed,CC-O,Ops,2026-10-01,2026-10-16,assistant,,,30,",
  "shared-assistant,fixed,CC-IT,IT,2026-10-01,2026-10-16,assistant,,,20,",
  // Evenly for ten days; the portal has no mapping, so its later usage is unmapped.
  "portal-even,even,CC-R,Retail,2026-10-01,2026-10-11,portal,,,,",
  "portal-even,even,CC-O,Ops,2026-10-01,2026-10-11,portal,,,,",
  "portal-even,even,CC-IT,IT,2026-10-01,2026-10-11,portal,,,,",
  // In proportion to the tokens of each cost center's own apps.
  "reader-share,share,CC-R,Retail,2026-10-01,,reader,,tokens,,",
  "reader-share,share,CC-O,Ops,2026-10-01,,reader,,tokens,,",
  // By tag: search is Retail's, chat is Ops'; "beta" is nobody's (unallocated); a tag nobody sends measures nothing.
  "features-tag,share,CC-R,Retail,2026-10-01,,features,,tag:feature,,search",
  "features-tag,share,CC-O,Ops,2026-10-01,,features,,tag:feature,,chat",
  "silent-tag,share,CC-R,Retail,2026-10-01,,silent,,tag:feature,,search",
  "gateway,even,CC-R,Retail,2026-10-01,,,310,,,",
  "gateway,even,CC-O,Ops,2026-10-01,,,310,,,",
].join("\n");

const MARKUPS = "businessUnit,kind,amount,validFrom,currency,costCenter\n*,percent,5,2026-10-01,,\nRetail,fee,25,2026-10-01,USD,CC-R\n";
const FEE = 25n * 10n ** 18n;

/** Odd token counts on every day of the month, so no split comes out round. */
function events(): string[] {
  const lines: string[] = [];
  const apps = ["assistant", "portal", "reader", "shop", "ops-bot", "features", "silent"];
  const FEATURES = ["search", "chat", "beta", undefined];
  for (let day = 1; day <= 31; day++) {
    apps.forEach((appId, i) => {
      const prompt = 1000 + day * 37 + i * 101;
      const time = `2026-10-${String(day).padStart(2, "0")}T1${i}:00:00Z`;
      const feature = appId === "features" ? FEATURES[day % 4] : undefined;
      lines.push(
        v1Event({
          requestId: `${appId}-${day}`,
          appId,
          time,
          promptTokens: prompt,
          completionTokens: 77 + day,
          totalTokens: prompt + 77 + day,
          ...(feature && { tags: { feature } }),
        }),
      );
    });
  }
  return lines;
}

describe("split rules reconcile", () => {
  it("a month with a 50/30/20 split, an even split, a token share, a tag share, an overhead, markups and uncovered days sums exactly to its events, the overhead and the markups", async () => {
    const { store } = freshStore();
    await importRetailPrices(store, snapshotItems());
    await importDeployments(store, "deployment,model,region,sku\ngpt-4o,gpt-4o-2024-08-06,eastus2,GlobalStandard\n", "deployments.csv");
    await importOrgMappings(store, ORG, "org.csv");
    await importSplitRules(store, RULES, "splits.csv");
    await importMarkups(store, MARKUPS, "markups.csv");
    const lines = events();
    expect((await ingestLines(store, lines)).accepted).toBe(lines.length);

    // What each app's events cost, priced one by one, on the days each rule covers.
    const pricer = await loadPricer(store);
    const cost = new Map<string, bigint>();
    const add = (key: string, atto: bigint) => cost.set(key, (cost.get(key) ?? 0n) + atto);
    for (const line of lines) {
      const parsed = parseEventLine(line);
      if (!parsed.ok) throw new Error(parsed.reason);
      const day = utcDay(parsed.event.time);
      const priced = pricer.price({ ...parsed.event, day });
      if (!priced.priced) throw new Error(priced.reason);
      add("events", priced.atto);
      add(`${parsed.event.appId}|${parsed.event.appId === "assistant" ? day < "2026-10-16" : day < "2026-10-11"}`, priced.atto);
      if (parsed.event.appId === "features") {
        add("features", priced.atto);
        add(`tokens|${parsed.event.tags?.feature ?? ""}`, BigInt(parsed.event.totalTokens));
      }
    }
    const OVERHEAD = 310n * 10n ** 18n;

    const all = liveLines(await new LedgerReader(store).ledger(MONTH)).lines;
    const live = all.filter((l) => l.kind === "usage");
    const sum = (f: (l: (typeof live)[number]) => boolean) => live.filter(f).reduce((s, l) => s + l.atto, 0n);
    expect(sum(() => true)).toBe(cost.get("events")! + OVERHEAD);
    // The markups: 5% of every cost center's mapped usage (split parts and the overhead included,
    // unmapped and unallocated usage not), each line rounded to the 10⁻¹⁸ once, and Retail's fee whole.
    const markups = all.filter((l) => l.kind === "markup");
    const percentLines = markups.filter((l) => l.appId === "platform-markup");
    const mapped = sum((l) => l.businessUnit !== "");
    const MARKUP = percentLines.reduce((s, l) => s + l.atto, 0n);
    expect(MARKUP * 20n - mapped).toBeLessThanOrEqual(20n * BigInt(percentLines.length));
    expect(mapped - MARKUP * 20n).toBeLessThanOrEqual(20n * BigInt(percentLines.length));
    expect(markups.filter((l) => l.appId === "platform-fee:Retail").map((l) => [l.costCenter, l.atto])).toEqual([["CC-R", FEE]]);
    expect(markups).toHaveLength(percentLines.length + 1);
    // Each split's parts add up to what its app cost on the rule's days, exactly, in its proportions.
    const assistant = cost.get("assistant|true")!;
    expect(sum((l) => l.rule === "shared-assistant")).toBe(assistant);
    for (const [unit, percent] of [
      ["Retail", 50n],
      ["Ops", 30n],
      ["IT", 20n],
    ] as const) {
      const part = sum((l) => l.rule === "shared-assistant" && l.businessUnit === unit);
      expect(part - (assistant * percent) / 100n, unit).toBeLessThanOrEqual(31n);
      expect(part - (assistant * percent) / 100n, unit).toBeGreaterThanOrEqual(-31n);
    }
    expect(sum((l) => l.appId === "assistant" && l.rule === "" && l.costCenter === "CC-IT")).toBe(cost.get("assistant|false")!);
    expect(sum((l) => l.rule === "portal-even")).toBe(cost.get("portal|true")!);
    expect(sum((l) => l.appId === "portal" && l.businessUnit === "" && l.rule === "")).toBe(cost.get("portal|false")!);
    expect(sum((l) => l.rule === "gateway")).toBe(OVERHEAD);
    // Retail's own apps used less than Ops' (smaller token counts), so it carries less of the reader.
    const readerRetail = sum((l) => l.rule === "reader-share" && l.businessUnit === "Retail");
    const readerOps = sum((l) => l.rule === "reader-share" && l.businessUnit === "Ops");
    expect(readerRetail + readerOps).toBe(cost.get("reader|true")! + cost.get("reader|false")!);
    expect(readerRetail > 0n && readerRetail < readerOps).toBe(true);
    // The tag share: search to Retail, chat to Ops, beta's share unallocated under the rule, in proportion to tagged tokens.
    const features = cost.get("features")!;
    expect(sum((l) => l.rule === "features-tag")).toBe(features);
    const tagged = ["search", "chat", "beta"].map((v) => cost.get(`tokens|${v}`)!);
    const taggedTotal = tagged.reduce((a, b) => a + b, 0n);
    for (const [i, holder] of [
      [0, "Retail"],
      [1, "Ops"],
      [2, ""],
    ] as const) {
      const part = sum((l) => l.rule === "features-tag" && l.businessUnit === holder);
      const exact = (features * itemAt(tagged, i)) / taggedTotal;
      expect(part - exact, holder || "unallocated").toBeLessThanOrEqual(31n);
      expect(exact - part, holder || "unallocated").toBeLessThanOrEqual(31n);
    }
    // A tag nobody sends measures nothing: the silent app's whole cost is its rule's unallocated line.
    expect(live.filter((l) => l.rule === "silent-tag").map((l) => l.businessUnit)).toEqual([""]);
    expect(sum((l) => l.rule === "silent-tag")).toBe(cost.get("silent|false")! + cost.get("silent|true")!);

    // Every view adds up to the same cents: the events plus the overhead and the markups.
    const total = attoToCents(cost.get("events")! + OVERHEAD + MARKUP + FEE);
    for (const by of REPORT_DIMENSIONS) {
      const report = await getChargebackReport(new LedgerReader(store), MONTH, by);
      expect(parseCents(report.total), by).toBe(total);
      expect(report.rows.reduce((s, r) => s + parseCents(r.cost), 0n) + parseCents(report.unmapped.cost), by).toBe(total);
    }
    const trend = getDailyTrend(await new LedgerReader(store).ledger(MONTH));
    // The daily trend is usage per day: markups are monthly, on the statement only.
    expect(
      Object.values(trend.cost)
        .flatMap((d) => Object.values(d))
        .reduce((s, c) => s + parseCents(c), 0n) - attoToCents(cost.get("events")! + OVERHEAD),
    ).toBeLessThanOrEqual(31n);

    // An owner sees exactly their unit's share, in every breakdown, and the portal's split lines in its app report.
    const byUnit = await getChargebackReport(new LedgerReader(store), MONTH, "business-unit");
    for (const row of byUnit.rows) {
      for (const by of REPORT_DIMENSIONS)
        expect((await getChargebackReport(new LedgerReader(store), MONTH, by, onlyUnits([row.key]))).total, `${row.key} by ${by}`).toBe(row.cost);
    }
    const portalForOps = await getAppReport(new LedgerReader(store), "portal", MONTH, onlyUnits(["Ops"]));
    const opsPortal = (await monthLines(new LedgerReader(store), MONTH)).lines
      .filter((l) => l.appId === "portal" && l.businessUnit === "Ops")
      .reduce((s, l) => s + l.cents, 0n);
    expect(parseCents(portalForOps!.total)).toBe(opsPortal);
    expect(portalForOps!.daily.map((d) => d.day)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`));

    // By the rule's own tag, an owner sees the values their unit carries, and an app split some other
    // way as one row: its end users and tags are every sharing unit's.
    const retailByTag = await getDimensionReport(new LedgerReader(store), MONTH, "tag:feature", { scope: onlyUnits(["Retail"]) });
    const names = retailByTag.rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["search", "(shared by split rule shared-assistant)", "(markups and fees)"]));
    expect(names).not.toContain("chat");
    expect(names).not.toContain("beta");
    expect(retailByTag.total).toBe(byUnit.rows.find((r) => r.key === "Retail")!.cost);
    const everyValue = (await getDimensionReport(new LedgerReader(store), MONTH, "tag:feature")).rows.map((r) => r.name);
    expect(everyValue).toEqual(expect.arrayContaining(["search", "chat", "beta", "(untagged)"]));

    // The portal's uncovered days are unmapped; its rule's days are not.
    const queue = await unmappedQueue(new LedgerReader(store), [MONTH]);
    expect(queue.map((q) => [q.appId, q.firstDay, q.lastDay])).toEqual([["portal", "2026-10-11", "2026-10-31"]]);

    // Closing freezes the split lines with their rules, and the month still adds up.
    await closeMonth(store, MONTH, "fiona", Date.parse("2026-11-05T00:00:00Z"));
    const frozen = await store.listStatementLines({ month: MONTH });
    expect(new Set(frozen.map((l) => l.rule))).toEqual(
      new Set(["", "shared-assistant", "portal-even", "reader-share", "features-tag", "silent-tag", "gateway"]),
    );
    expect(frozen.reduce((s, l) => s + l.cents, 0n)).toBe(total);
    expect(frozen.reduce((s, l) => s + l.atto, 0n)).toBe(cost.get("events")! + OVERHEAD + MARKUP + FEE);
  });
});
