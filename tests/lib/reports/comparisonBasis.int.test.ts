import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { comparableLines, getComparisonBasis } from "../../../lib/reports/comparisonBasis";
import { reportFromLines } from "../../../lib/reports/getChargebackReport";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { monthLines } from "../../../lib/statements/monthLines";
import { ingestLines } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

describe("like-for-like comparisons", () => {
  it("an open month is compared with the previous month's same days, usage only; a past month with the previous month whole", async () => {
    const store = await octoberAndNovember();
    // October: 1,000 calls of app-1 on the 10th, 200 of app-2 on the 11th, now 40 of app-1 on the 3rd.
    await ingestLines(store, events("app-1", "2026-10-03", 40, "early"));
    await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
    await ingestLines(store, events("app-2", "2026-10-04", 2, "late")); // a correction, booked in November

    // On 5 November at noon: November so far (app-1's 100 calls on the 2nd) against 1–5 October (app-1's 40, and app-2's late 2).
    const reader = new LedgerReader(store);
    const basis = await getComparisonBasis(reader, "2026-11", NOV_5 + 12 * 3_600_000);
    expect(basis.label).toBe("2026-10, days 1–5");
    expect(basis.usageOnly).toBe(true);
    const before = reportFromLines(basis.lines, "app");
    expect(before.rows.map((r) => [r.key, r.cost])).toEqual([
      ["app-1", "0.14"],
      ["app-2", "0.01"],
    ]);
    // November's own lines hold the correction (the late calls); like for like, only its usage counts.
    const november = await monthLines(reader, "2026-11");
    expect(november.lines.some((l) => l.kind === "adjustment")).toBe(true);
    expect(reportFromLines(comparableLines(november, basis), "app").rows.map((r) => [r.key, r.cost])).toEqual([["app-1", "0.35"]]);

    // October is over: it is compared with September whole, as its report shows it.
    const past = await getComparisonBasis(reader, "2026-10", NOV_5);
    expect(past).toMatchObject({ label: "2026-09", usageOnly: false });
    expect(comparableLines(november, past)).toBe(november);
  });
});
