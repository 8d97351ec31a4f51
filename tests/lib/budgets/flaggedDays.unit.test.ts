import { describe, expect, it } from "vitest";
import { flaggedDays } from "../../../lib/budgets/flaggedDays";
import type { FlaggedAnomaly } from "../../../lib/budgets/getAnomalies";

const anomaly = (kind: FlaggedAnomaly["kind"], name: string, day: string): FlaggedAnomaly => ({
  key: `${kind}:${name}|${day}`,
  kind,
  name,
  label: name,
  day,
  cents: 5_000,
  baselineCents: 1_000,
  score: 9,
  driver: { part: "x", partKind: "app", deltaCents: 4_000, tokenKind: null },
  decision: null,
  note: "",
});

describe("the days a chart flags", () => {
  const found = [
    anomaly("unit", "Retail", "2026-11-18"),
    anomaly("unit", "Marketing", "2026-11-18"),
    anomaly("unit", "Marketing", "2026-11-03"),
    anomaly("app", "app-1", "2026-11-12"),
    anomaly("model", "gpt-4o", "2026-11-12"),
  ];
  it("on the overview: every day any unit was unusual, once each, oldest first; apps' and models' days are not the total's", () => {
    expect(flaggedDays(found, "unit")).toEqual(["2026-11-03", "2026-11-18"]);
  });
  it("on a unit's or app's page: only its own", () => {
    expect(flaggedDays(found, "unit", "Retail")).toEqual(["2026-11-18"]);
    expect(flaggedDays(found, "app", "app-1")).toEqual(["2026-11-12"]);
    expect(flaggedDays(found, "app", "app-2")).toEqual([]);
  });
});
