import { describe, expect, it } from "vitest";
import type { ReportRow } from "../../../lib/reports/getChargebackReport";
import { rowChanges, sortRows } from "../../../lib/reports/rowChanges";

const row = (key: string, cost: string): ReportRow => ({
  key,
  name: key,
  cost,
  requests: 0,
  promptTokens: 0,
  cachedTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
});

describe("row changes like for like", () => {
  const now = [row("Retail", "120.00"), row("Marketing", "10.00"), row("New", "5.00")];
  const before = [row("Retail", "100.00"), row("Marketing", "20.00"), row("Gone", "7.00")];
  const changes = rowChanges(now, before, "2026-10");

  it("gives each row the basis's amount, the change in money and in percent; a new row has no percent", () => {
    expect(changes.rows).toEqual({
      Retail: { previous: "100.00", delta: "20.00", percent: "+20.0%" },
      Marketing: { previous: "20.00", delta: "-10.00", percent: "-50.0%" },
      New: { previous: "0.00", delta: "5.00", percent: null },
      Gone: { previous: "7.00", delta: "-7.00", percent: "-100.0%" },
    });
  });

  it("sorts by change, by percent (new rows last), by name, or keeps the cost order", () => {
    expect(sortRows(now, "delta", changes).map((r) => r.key)).toEqual(["Retail", "New", "Marketing"]);
    expect(sortRows(now, "percent", changes).map((r) => r.key)).toEqual(["Retail", "Marketing", "New"]);
    expect(sortRows(now, "name", changes).map((r) => r.key)).toEqual(["Marketing", "New", "Retail"]);
    expect(sortRows(now, "cost", changes)).toEqual(now);
  });
});
