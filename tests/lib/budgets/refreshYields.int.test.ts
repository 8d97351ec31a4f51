import { describe, expect, it } from "vitest";
import { refreshInBackground } from "../../../lib/budgets/refreshInBackground";
import { REPORT_DIMENSIONS } from "../../../lib/reports/reportRows";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { NOV_5, octoberAndNovember } from "../../support/twoMonths";

describe("the rebuild a close schedules in the web server", () => {
  it("lets the event loop run between its steps, so the server answers requests while it builds", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "finance", NOV_5);
    let turns = 0;
    let building = true;
    const turn = () => {
      turns += 1;
      if (building) setImmediate(turn);
    };
    setImmediate(turn);
    await refreshInBackground(store, "2026-10");
    building = false;
    // At least a turn after each of the month's nine figures and each stored report (three sides a
    // dimension, and the unmapped queue); built in one go, as before, the loop ran no turn at all.
    expect(turns).toBeGreaterThanOrEqual(9 + 1 + 3 * REPORT_DIMENSIONS.length);
  });
});
