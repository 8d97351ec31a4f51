import { describe, expect, it } from "vitest";
import { findRangeProblems, OrgDirectory, OrgMapping } from "../../../lib/org/orgMapping";

const m = (appId: string, costCenter: string, validFrom: string, validTo: string | null = null): OrgMapping => ({
  appId,
  costCenter,
  businessUnit: `BU-${costCenter}`,
  validFrom,
  validTo,
});

describe("org mappings", () => {
  it("attributes a day by the range that contains it, validTo exclusive", () => {
    const org = new OrgDirectory([m("a", "CC1", "2026-01-01", "2026-02-15"), m("a", "CC2", "2026-02-15")]);
    expect(org.on("a", "2025-12-31")).toBeUndefined();
    expect(org.on("a", "2026-02-14")?.costCenter).toBe("CC1");
    expect(org.on("a", "2026-02-15")?.costCenter).toBe("CC2");
    expect(org.on("a", "2030-01-01")?.costCenter).toBe("CC2");
    expect(org.on("b", "2026-02-14")).toBeUndefined();
  });

  it("finds overlapping ranges, including an open-ended one followed by another", () => {
    expect(findRangeProblems([m("a", "CC1", "2026-01-01", "2026-02-15"), m("a", "CC2", "2026-02-15")])).toEqual([]);
    expect(findRangeProblems([m("a", "CC1", "2026-01-01", "2026-02-16"), m("a", "CC2", "2026-02-15")])).toEqual([
      "app a: 2026-01-01..2026-02-16 (CC1) overlaps 2026-02-15..open (CC2)",
    ]);
    expect(findRangeProblems([m("a", "CC1", "2026-01-01"), m("a", "CC2", "2026-03-01")])).toHaveLength(1);
  });

  it("finds gaps between an app's ranges, but not before its first or after its last", () => {
    expect(findRangeProblems([m("a", "CC1", "2026-01-01", "2026-02-01"), m("a", "CC2", "2026-03-01", "2026-04-01")])).toEqual([
      "app a: nothing maps it from 2026-02-01 to 2026-03-01, between CC1 and CC2; end the first range on 2026-03-01 or start the second on 2026-02-01",
    ]);
    expect(findRangeProblems([m("a", "CC1", "2026-03-01", "2026-04-01"), m("b", "CC2", "2026-01-01", "2026-02-01")])).toEqual([]);
  });

  it("validates rows with clear messages", () => {
    const parse = (row: Record<string, string>) => {
      const r = OrgMapping.safeParse(row);
      return r.success ? "ok" : r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
    };
    const row = { appId: "a", costCenter: "CC1", businessUnit: "Retail", validFrom: "2026-01-01", validTo: "" };
    expect(parse(row)).toBe("ok");
    expect(parse({ ...row, validFrom: "2026-02-30" })).toBe("validFrom is not a calendar date");
    expect(parse({ ...row, validFrom: "1/2/2026" })).toBe("validFrom must be a date YYYY-MM-DD");
    expect(parse({ ...row, validTo: "2026-01-01" })).toBe("validTo must be after validFrom");
    expect(parse({ ...row, appId: "" })).toBe("appId is empty");
  });
});
