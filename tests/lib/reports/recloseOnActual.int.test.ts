import { describe, expect, it } from "vitest";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { REPORT_DIMENSIONS, reportRowsOf } from "../../../lib/reports/reportRows";
import { readReportRows } from "../../../lib/reports/storedReports";
import { closeMonth, reopenMonth } from "../../../lib/statements/closeMonth";
import { filterOptions } from "../../../lib/reports/filterOptions";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { readAppLines } from "../../../lib/reports/storedAppLines";
import { readFilterOptions } from "../../../lib/reports/storedFilterOptions";
import { monthLines } from "../../../lib/statements/monthLines";
import type { UsageStore } from "../../../lib/store/port";
import { counted } from "../../support/countedStore";
import { billedStore } from "../../support/billedStore";

// One instant for every close and reopen: the browser tests pin the clock (CHARGEBACK_NOW), so a
// re-close there carries the first close's closedAt, closedBy, currency and unpriced usage.
const DEC_5 = Date.UTC(2026, 11, 5);
/** Every dimension's stored rows of November, each side, through one reader. */
const storedRows = (reader: LedgerReader) =>
  Promise.all(REPORT_DIMENSIONS.flatMap((by) => (["month", "compared", "basis"] as const).map((side) => readReportRows(reader, "2026-11", by, side))));

/** Parts stored beside the rows (filter options, one app's lines), read through one reader. */
async function storedParts(reader: LedgerReader, appId: string) {
  return { options: await readFilterOptions(reader, "2026-11"), app: (await readAppLines(reader, "2026-11", appId)).lines };
}

/** November's rows added up from its frozen statement lines, per dimension. */
async function frozenRows(store: UsageStore) {
  const lines = await monthLines(new LedgerReader(store), "2026-11");
  expect(lines.lines.length).toBeGreaterThan(0);
  return REPORT_DIMENSIONS.map((by) => reportRowsOf(lines, by));
}

describe("a month closed again on actual cost", () => {
  it("reports its actual-cost statement to the 10^-18, not the rows stored at its first close, and then reads them stored", async () => {
    const store = await billedStore();
    await closeMonth(store, "2026-11", "Fiona", DEC_5);
    const estimated = await frozenRows(store);
    await storedRows(new LedgerReader(store));
    const [{ appId } = { appId: "" }] = (await monthLines(new LedgerReader(store), "2026-11")).lines;
    expect(appId).not.toBe("");
    await storedParts(new LedgerReader(store), appId);

    await reopenMonth(store, "2026-11", "Fiona", "close it on the imported invoice instead", DEC_5);
    await closeMonth(store, "2026-11", "Fiona", DEC_5, { actual: "pro-rata" });
    const actual = await frozenRows(store);
    expect(actual).not.toEqual(estimated);

    const month = (rows: Awaited<ReturnType<typeof storedRows>>) => rows.filter((_, i) => i % 3 === 0);
    expect(month(await storedRows(new LedgerReader(store)))).toEqual(actual);
    // Stored again at the re-close's stamp: a later view reads rows, not the statement.
    const { store: watched, named } = counted(store);
    expect(month(await storedRows(new LedgerReader(watched)))).toEqual(actual);
    expect(named("listStatementLines")).toEqual([]);

    // So are the parts stored beside them: they follow the re-close too.
    const frozen = await monthLines(new LedgerReader(store), "2026-11");
    expect(await storedParts(new LedgerReader(store), appId)).toEqual({
      options: filterOptions(frozen, ALL_UNITS),
      app: frozen.lines.filter((l) => l.appId === appId),
    });
  });
});
