import { describe, expect, it } from "vitest";
import { UserError } from "../../../lib/core/errors";
import { appVisible } from "../../../lib/reports/appVisibility";
import { joinMonths } from "../../../lib/reports/rangeLines";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import type { MonthLines } from "../../../lib/statements/monthLines";
import { noTokens, type CostedLine } from "../../../lib/statements/statementLine";

const OCTOBER = { from: "2026-10-01", to: "2026-11-01" };
const mapping = (appId: string, businessUnit: string, validFrom: string, validTo: string | null = null) => ({ appId, businessUnit, validFrom, validTo });

describe("who may open an app's page", () => {
  const catalog = {
    mappings: [mapping("app-r", "Retail", "2026-01-01", "2026-10-15"), mapping("app-r", "Marketing", "2026-10-15")],
    apps: [{ appId: "app-r" }],
  };

  it("refuses an app nobody knows, to everyone", () => {
    expect(appVisible("made-up", OCTOBER, [], catalog, ALL_UNITS)).toBe(false);
  });

  it("shows finance any known app, even one without usage", () => {
    expect(appVisible("app-r", OCTOBER, [], catalog, ALL_UNITS)).toBe(true);
  });

  it("shows an owner an app mapped to their unit in those days, or charging it, and nothing else", () => {
    expect(appVisible("app-r", OCTOBER, [], catalog, onlyUnits(["Retail"]))).toBe(true);
    // Mapped to Retail until 15 October: not in November, unless November's cost falls to Retail (a split rule).
    const november = { from: "2026-11-01", to: "2026-12-01" };
    expect(appVisible("app-r", november, [], catalog, onlyUnits(["Retail"]))).toBe(false);
    expect(appVisible("app-r", november, [{ appId: "app-r", businessUnit: "Retail" }], catalog, onlyUnits(["Retail"]))).toBe(true);
    expect(appVisible("app-r", november, [{ appId: "app-r", businessUnit: "Marketing" }], catalog, onlyUnits(["Retail"]))).toBe(false);
    // A period reaching back into October sees the Retail months.
    expect(appVisible("app-r", { from: "2026-09-01", to: "2026-12-01" }, [], catalog, onlyUnits(["Retail"]))).toBe(true);
    expect(appVisible("app-r", OCTOBER, [], catalog, onlyUnits(["Finance"]))).toBe(false);
  });

  it("never shows an owner an unmapped app, which no unit carries", () => {
    expect(appVisible("app-u", OCTOBER, [{ appId: "app-u", businessUnit: "" }], catalog, onlyUnits(["Retail"]))).toBe(false);
    expect(appVisible("app-u", OCTOBER, [{ appId: "app-u", businessUnit: "" }], catalog, ALL_UNITS)).toBe(true);
  });
});

const line = (cents: bigint): CostedLine => ({
  kind: "usage",
  forMonth: "",
  businessUnit: "Retail",
  costCenter: "CC-1",
  appId: "app-r",
  appName: "app-r",
  model: "gpt-4o",
  reason: "",
  tokens: noTokens(),
  atto: cents * 10n ** 16n,
  listAtto: cents * 10n ** 16n,
  prices: [],
  rule: "",
  cents,
  listCents: cents,
});
const month = (name: string, cents: bigint, currency = "USD", closed = true): MonthLines => ({
  month: name,
  lines: [line(cents)],
  unpriced: [],
  currency,
  closed: closed ? { month: name, closedAt: 1, closedBy: "finance", currency, unpriced: [] } : null,
});

describe("months joined into a period", () => {
  it("keeps every month's lines, named for the first and last, closed only when all are", () => {
    const joined = joinMonths(["2026-09", "2026-10"], [month("2026-09", 105n), month("2026-10", 210n, "USD", false)]);
    expect(joined.month).toBe("2026-09…2026-10");
    expect(joined.lines.map((l) => l.cents)).toEqual([105n, 210n]);
    expect(joined.closed).toBeNull();
    expect(joinMonths(["2026-09", "2026-10"], [month("2026-09", 1n), month("2026-10", 2n)]).closed?.month).toBe("2026-10");
  });

  it("leaves one month as it is, and refuses months in different currencies", () => {
    const one = month("2026-10", 7n);
    expect(joinMonths(["2026-10"], [one])).toBe(one);
    expect(() => joinMonths(["2026-09", "2026-10"], [month("2026-09", 1n, "EUR"), month("2026-10", 1n)])).toThrow(UserError);
  });
});
