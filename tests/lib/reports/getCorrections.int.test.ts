import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getCorrections } from "../../../lib/reports/getCorrections";
import { onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { ingestLines } from "../../support/ingest";
import { DEC_5, events, NOV_5, octoberAndNovember } from "../../support/twoMonths";

const rows = (list: { forMonth: string; businessUnit: string; appId: string; cost: string; cause: string | null }[]) =>
  list.map((c) => [c.forMonth, c.businessUnit, c.appId, c.cost, c.cause]);

describe("a month's corrections", () => {
  it("lists those pending against a closed month, then the same booked in the next one, each with its cause, within the caller's units", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    expect(await getCorrections(new LedgerReader(store), "2026-10")).toMatchObject({ booked: [], pending: { landing: "2026-11", corrections: [] } });

    // app-1 belonged to Marketing all along, and 100 October calls of app-2 arrive late.
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-1,CC-2,Marketing,2020-01-01\n", "fix.csv");
    await ingestLines(store, events("app-2", "2026-10-20", 100, "late"));
    const expected = [
      ["2026-10", "Marketing", "app-1", "3.50", "mapping"],
      ["2026-10", "Marketing", "app-2", "0.35", "usage"],
      ["2026-10", "Retail", "app-1", "-3.50", "mapping"],
    ];
    const october = await getCorrections(new LedgerReader(store), "2026-10");
    expect(october.booked).toEqual([]);
    expect(october.pending?.landing).toBe("2026-11");
    expect(rows(october.pending?.corrections ?? [])).toEqual(expected);

    const november = await getCorrections(new LedgerReader(store), "2026-11");
    expect(november.pending).toBeNull();
    expect(rows(november.booked)).toEqual(expected);
    expect(rows((await getCorrections(new LedgerReader(store), "2026-11", onlyUnits(["Retail"]))).booked)).toEqual([expected[2]]);

    // Closing November freezes them with it: booked there, no longer pending against October.
    await closeMonth(store, "2026-11", "fin", DEC_5);
    expect(rows((await getCorrections(new LedgerReader(store), "2026-11")).booked)).toEqual(expected);
    expect((await getCorrections(new LedgerReader(store), "2026-10")).pending).toEqual({ landing: "2026-12", corrections: [] });
  });
});
