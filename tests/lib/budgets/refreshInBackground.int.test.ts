import { describe, expect, it } from "vitest";
import { refreshInBackground } from "../../../lib/budgets/refreshInBackground";
import { refreshMonthFigures } from "../../../lib/budgets/refreshBudgetFigures";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { staleMonths } from "../../../lib/reports/refreshFigures";
import { formatCents } from "../../../lib/core/money";
import { closeMonth, reopenMonth } from "../../../lib/statements/closeMonth";
import { counted } from "../../support/countedStore";
import { NOV_5, octoberAndNovember } from "../../support/twoMonths";

const MONTHS = ["2026-10", "2026-11"];

/** The parts a store was asked to save, by name (several parts may go in one call). */
const savedParts = (calls: Map<string, number>) =>
  [...calls]
    .filter(([key]) => key.startsWith("saveLedgerParts("))
    .flatMap(([key, n]) =>
      (JSON.parse(key.slice("saveLedgerParts(".length, -1)) as [string, string, number, { part: string }[]])[3].flatMap((p) => Array(n).fill(p.part)),
    );

describe("the rebuild a close or reopen schedules after its response", () => {
  it("leaves the month's stored parts current, so the next view of it reads the closed figures and builds nothing", async () => {
    const store = await octoberAndNovember();
    await refreshMonthFigures(store, MONTHS);
    expect(await staleMonths(store, MONTHS)).toEqual([]);

    await closeMonth(store, "2026-10", "finance", NOV_5);
    // The reports' stamp names the closes: October's (and November's, where its corrections land) are stale.
    expect(await staleMonths(store, MONTHS)).toEqual(MONTHS);
    await refreshInBackground(store, "2026-10");
    // Only the month closed: the others are the worker's figures task's.
    expect(await staleMonths(store, MONTHS)).toEqual(["2026-11"]);

    const { store: watched, calls } = counted(store);
    const report = await getChargebackReport(new LedgerReader(watched), "2026-10", "business-unit");
    expect(savedParts(calls)).toEqual([]);
    expect(report.closed).toEqual({ closedAt: new Date(NOV_5).toISOString(), closedBy: "finance" });
    // The closed figures: what the frozen statement's lines add up to.
    const frozen = await store.listStatementLines({ month: "2026-10" });
    expect(report.total).toBe(formatCents(frozen.reduce((a, l) => a + l.cents, 0n)));
  });

  it("views while the rebuild runs in the same process wait for the parts being built: each is built once", async () => {
    const base = await octoberAndNovember();
    await refreshMonthFigures(base, MONTHS);
    await closeMonth(base, "2026-10", "finance", NOV_5);
    await refreshInBackground(base, "2026-10");
    // The web server's store object, shared by the rebuild and the views.
    const { store, calls } = counted(base);
    await reopenMonth(store, "2026-10", "finance", "an invoice came in late");
    calls.clear();

    // Two views of the reopened month at once (two requests, a reader each), and the rebuild.
    const view = () => getChargebackReport(new LedgerReader(store), "2026-10", "business-unit");
    const [report, again] = await Promise.all([view(), view(), refreshInBackground(store, "2026-10")]);
    expect(again).toEqual(report);
    const saved = savedParts(calls);
    expect(saved).toContain("report:business-unit:month");
    expect(saved.filter((p, i) => saved.indexOf(p) !== i)).toEqual([]);
    expect(report.closed).toBeNull();
    expect(await staleMonths(store, ["2026-10"])).toEqual([]);
  });
});
