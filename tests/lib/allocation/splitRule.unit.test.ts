import { describe, expect, it } from "vitest";
import { findSplitOverlaps, SplitRule } from "../../../lib/allocation/splitRule";

const part = (costCenter: string, businessUnit: string, percent?: string, tagValue?: string) => ({ costCenter, businessUnit, percent, tagValue });
const rule = (overrides: Record<string, unknown> = {}) => ({
  id: "shared",
  appId: "assistant",
  method: "fixed",
  parts: [part("CC-R", "Retail", "50"), part("CC-O", "Ops", "30"), part("CC-F", "Finance", "20")],
  validFrom: "2026-10-01",
  ...overrides,
});
const problems = (input: Record<string, unknown>) => {
  const r = SplitRule.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
};

describe("split rules", () => {
  it("accepts a fixed split summing to 100, an even split and a share, with open or closed ends", () => {
    expect(SplitRule.parse(rule())).toMatchObject({ appId: "assistant", deployment: null, amount: null, basis: null, validTo: null });
    expect(problems(rule({ parts: [part("A", "X", "33.3333"), part("B", "X", "33.3333"), part("C", "X", "33.3334")] }))).toEqual([]);
    expect(problems(rule({ method: "even", parts: [part("A", "X"), part("B", "Y")], validTo: "2026-12-01" }))).toEqual([]);
    expect(problems(rule({ appId: undefined, amount: "1200", method: "share", basis: "cost", parts: [part("A", "X"), part("B", "Y")] }))).toEqual([]);
    expect(problems(rule({ method: "share", basis: "tag:feature", parts: [part("A", "X", undefined, "search"), part("B", "Y", undefined, "chat")] }))).toEqual(
      [],
    );
  });

  it("refuses percentages that do not sum to 100, saying what they sum to", () => {
    expect(problems(rule({ parts: [part("CC-R", "Retail", "50"), part("CC-O", "Ops", "30"), part("CC-F", "Finance", "10")] }))).toEqual([
      "percent must sum to 100, not 90",
    ]);
    expect(problems(rule({ parts: [part("CC-R", "Retail", "50"), part("CC-O", "Ops")] }))).toEqual([
      "parts of a fixed split: every cost center needs a percent",
    ]);
  });

  it("refuses a rule naming no target or two, a cost center twice, percents outside fixed splits, and a tag share without values", () => {
    expect(problems(rule({ appId: undefined }))).toEqual(["appId name exactly one of appId, deployment or amount (a monthly overhead)"]);
    expect(problems(rule({ deployment: "gpt-4o" }))).toEqual(["appId name exactly one of appId, deployment or amount (a monthly overhead)"]);
    expect(problems(rule({ parts: [part("CC-R", "Retail", "50"), part("CC-R", "Retail", "50")] }))).toEqual(["parts names cost center CC-R (Retail) twice"]);
    expect(problems(rule({ method: "even" }))).toEqual(["percent is only for fixed splits, not even ones"]);
    expect(problems(rule({ method: "share", basis: "tag:feature", parts: [part("A", "X")] }))).toEqual([
      "tagValue of a tag:feature share: every cost center needs the tagValue it is measured by",
    ]);
    expect(problems(rule({ method: "share", parts: [part("A", "X")] }))).toEqual(["basis is needed for a share: tokens, cost or tag:<key>"]);
    expect(problems(rule({ validTo: "2026-10-01" }))).toEqual(["validTo must be after validFrom"]);
  });

  it("finds rules of one app in effect on the same day, not rules of different targets", () => {
    const a = SplitRule.parse(rule({ validTo: "2026-11-01" }));
    const b = SplitRule.parse(rule({ id: "later", validFrom: "2026-10-15" }));
    const other = SplitRule.parse(rule({ id: "portal", appId: "portal" }));
    const next = SplitRule.parse(rule({ id: "next", validFrom: "2026-11-01" }));
    expect(findSplitOverlaps([a, b, other])).toEqual(["app assistant: rule shared (2026-10-01..2026-11-01) overlaps rule later (from 2026-10-15)"]);
    expect(findSplitOverlaps([a, next, other])).toEqual([]);
  });
});
