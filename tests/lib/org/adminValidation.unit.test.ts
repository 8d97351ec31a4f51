import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolveApp, searchApps } from "../../../lib/org/resolveApp";
import { requireCostCenter } from "../../../lib/org/costCenters";
import { refuseIfMapped } from "../../../lib/org/alreadyMapped";
import { planMove } from "../../../lib/org/changeMappings";
import { plainIssues } from "../../../lib/core/plainIssues";
import { CalendarDay } from "../../../lib/core/days";

const APPS = [
  { appId: "0f1e2d3c-aaaa-4bbb-8ccc-000000000001", displayName: "Checkout Assistant" },
  { appId: "0f1e2d3c-aaaa-4bbb-8ccc-000000000002", displayName: "Support Bot" },
  { appId: "0f1e2d3c-aaaa-4bbb-8ccc-000000000003", displayName: "Support Bot" },
];
const MAPPINGS = [
  { appId: APPS[0]!.appId, costCenter: "CC-610", businessUnit: "Marketing", validFrom: "2026-01-01", validTo: null },
  { appId: "other", costCenter: "CC-100", businessUnit: "Stores", validFrom: "2026-01-01", validTo: "2026-06-01" },
];

describe("what an admin form names must exist", () => {
  it("an app is found by its name in any case or by its id, and a name no app has is refused in words", () => {
    expect(resolveApp(APPS, "checkout assistant").appId).toBe(APPS[0]!.appId);
    expect(resolveApp(APPS, APPS[1]!.appId.toUpperCase()).appId).toBe(APPS[1]!.appId);
    expect(() => resolveApp(APPS, "Checkout Asistant")).toThrow("There is no app called “Checkout Asistant”");
    expect(() => resolveApp(APPS, "Support Bot")).toThrow("2 apps are called “Support Bot”");
    expect(() => resolveApp(APPS, "  ")).toThrow("Choose an app");
  });

  it("a search lists names that start with the text first, and matches ids too", () => {
    expect(searchApps(APPS, "bot").map((a) => a.displayName)).toEqual(["Support Bot", "Support Bot"]);
    expect(searchApps(APPS, "000000000001").map((a) => a.displayName)).toEqual(["Checkout Assistant"]);
    expect(searchApps(APPS, "")).toEqual([]);
  });

  it("a cost center must be mapped already, in the unit named", () => {
    expect(requireCostCenter(MAPPINGS, "CC-610|Marketing")).toEqual({ costCenter: "CC-610", businessUnit: "Marketing" });
    expect(() => requireCostCenter(MAPPINGS, "CC-610|Stores")).toThrow("Cost center CC-610 belongs to Marketing, not Stores");
    expect(() => requireCostCenter(MAPPINGS, "CC-61O|Marketing")).toThrow("There is no cost center CC-61O in Marketing");
    expect(() => requireCostCenter(MAPPINGS, "")).toThrow("Choose a cost center from the list.");
  });

  it("assigning an app already mapped names the app and its unit, never only an id or an overlap", () => {
    expect(() => refuseIfMapped(MAPPINGS, APPS[0]!, "2026-03-01")).toThrow(
      "Checkout Assistant is already mapped to cost center CC-610 (Marketing) from 2026-01-01. To change who pays for it, move it instead.",
    );
    // An app whose range ended before the day is free to assign from it.
    expect(() => refuseIfMapped(MAPPINGS, { appId: "other", displayName: "Other" }, "2026-06-01")).not.toThrow();
  });

  it("a move to the cost center the app is already in is refused by name", () => {
    expect(() =>
      planMove(MAPPINGS, { appId: APPS[0]!.appId, costCenter: "CC-610", businessUnit: "Marketing", from: "2026-03-01" }, "Checkout Assistant"),
    ).toThrow("Checkout Assistant is already in cost center CC-610 (Marketing)");
  });
});

describe("form errors in the user's language", () => {
  const Form = z.object({ reason: z.string().min(3).max(10), from: CalendarDay, name: z.string().min(1) });
  it("names each field by its label, once, in a sentence: no validator text", () => {
    const parsed = Form.safeParse({ reason: "x".repeat(11), from: "2026-02-30" });
    const said = plainIssues(parsed.error!, { reason: "The reason", from: "The first day", name: "The name" });
    expect(said).toEqual(["The reason is too long: keep it to 10 characters.", "The first day is not a calendar date.", "The name is required."]);
    expect(said.join(" ")).not.toMatch(/expected|Too big|Invalid/);
  });
});
