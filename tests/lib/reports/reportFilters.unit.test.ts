import { describe, expect, it } from "vitest";
import { filterParams, parseReportQuery } from "../../../lib/reports/reportFilters";

const refused = (params: Record<string, string | string[]>) => {
  const parsed = parseReportQuery(params);
  if (parsed.ok) throw new Error("expected a refusal");
  return parsed.message;
};

describe("report filters from the address", () => {
  it("reads every chip, repeated chips as any of them, and the environment as the environment tag", () => {
    const parsed = parseReportQuery({ unit: ["Stores", " Finance "], cc: "CC-100", app: "app-1", model: "gpt-4o", env: "prod", q: " alice ", page: "3" });
    expect(parsed).toEqual({
      ok: true,
      query: {
        filters: { units: ["Stores", "Finance"], costCenters: ["CC-100"], apps: ["app-1"], models: ["gpt-4o"], tags: [["environment", "prod"]] },
        range: "month",
        month: undefined,
        custom: undefined,
        q: "alice",
        page: 3,
      },
    });
  });

  it("reads a tag as key=value, the key lower-cased, and gives the filters back as the same address", () => {
    const parsed = parseReportQuery({ tag: "Project=Apollo", unit: "Stores", month: "2026-11" });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.query.filters.tags).toEqual([["project", "Apollo"]]);
    expect(parsed.query.month).toBe("2026-11");
    expect(filterParams(parsed.query.filters)).toEqual([
      ["unit", "Stores"],
      ["tag", "project=Apollo"],
    ]);
  });

  it("ignores empty form fields (an unpicked select is no filter)", () => {
    const parsed = parseReportQuery({ unit: "", cc: "", tag: "", env: "", range: "month", from: "", to: "" });
    expect(parsed.ok && parsed.query.filters).toEqual({ units: [], costCenters: [], apps: [], models: [], tags: [] });
  });

  it("reads quarter, year to date and a custom from..to", () => {
    expect(parseReportQuery({ range: "quarter", month: "2026-11" })).toMatchObject({ ok: true, query: { range: "quarter", month: "2026-11" } });
    expect(parseReportQuery({ range: "ytd" })).toMatchObject({ ok: true, query: { range: "ytd" } });
    expect(parseReportQuery({ range: "custom", from: "2026-02", to: "2026-11" })).toMatchObject({
      ok: true,
      query: { range: "custom", custom: { from: "2026-02", to: "2026-11" } },
    });
  });

  it("refuses bad values with a sentence, never zod's text", () => {
    expect(refused({ tag: "project" })).toBe('The tag filter "project" is not key=value (a key of 1-32 of a-z 0-9 _ . -, then a value), e.g. project=alpha.');
    expect(refused({ tag: "no spaces=x" })).toContain("is not key=value");
    expect(refused({ tag: "project=a", env: "prod" })).toBe("Filter on one tag at a time (a tag or the environment).");
    expect(refused({ range: "week" })).toBe('The period "week" is not one of: month, quarter, ytd (year to date), custom.');
    expect(refused({ month: "2026-13" })).toBe('"2026-13" is not a month; write it as YYYY-MM.');
    expect(refused({ range: "custom", from: "2026-05" })).toBe("A custom period needs both a first month (from) and a last month (to), as YYYY-MM.");
    expect(refused({ range: "custom", from: "2026-05", to: "2026-02" })).toBe("The period starts (2026-05) after it ends (2026-02).");
    expect(refused({ range: "custom", from: "2020-01", to: "2026-02" })).toBe("A period is at most 36 months.");
    expect(refused({ page: "0" })).toBe('Page "0" is not a page number.');
    expect(refused({ page: "-1" })).toBe('Page "-1" is not a page number.');
    expect(refused({ unit: "x".repeat(201) })).toBe("A unit filter is longer than 200 characters.");
    for (const message of [refused({ month: "<script>" }), refused({ page: "abc" })]) expect(message).not.toMatch(/zod|expected|Invalid/);
  });
});
