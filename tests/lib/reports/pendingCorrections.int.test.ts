import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { getPendingCorrections } from "../../../lib/reports/getPendingCorrections";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { ingestLines } from "../../support/ingest";
import { DEC_5, events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

describe("corrections pending against a closed month", () => {
  it("are what its usage costs now less its statement, to land in the next open month, until that month is closed", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "Finance analyst", NOV_5);
    const pending = (month: string, units?: string[]) => getPendingCorrections(new LedgerReader(store), month, units && onlyUnits(units));
    expect(await pending("2026-10")).toBeNull();

    // 30 late October calls of Marketing's app-2 ($0.0035 each), after the close.
    await ingestLines(store, events("app-2", "2026-10-20", 30, "late"));
    expect(await pending("2026-10")).toEqual({ landing: "2026-11", cost: "0.11", lines: 1 });
    expect(await pending("2026-10", ["Marketing"])).toEqual({ landing: "2026-11", cost: "0.11", lines: 1 });
    expect(await pending("2026-10", ["Retail"])).toBeNull();
    expect(await pending("2026-11")).toBeNull(); // open: its figures are live

    // Closing November books them there: nothing is pending against October any more.
    await closeMonth(store, "2026-11", "Finance analyst", DEC_5);
    expect(await pending("2026-10")).toBeNull();
  });
});
