import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { chargebackHeader, chargebackRows } from "../../../lib/exports/chargebackRangeCsv";
import { focusHeader, focusRows, FOCUS_COLUMNS } from "../../../lib/exports/focusCsv";
import { MonthRange, streamMonths } from "../../../lib/exports/monthRange";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { getChargebackReport } from "../../../lib/reports/getChargebackReport";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { ingestLines } from "../../support/ingest";
import { events, NOV_5, octoberAndNovember } from "../../support/twoMonths";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { itemAt } from "../../../lib/core/arrays";

const cents = (amount: string) => BigInt(amount.replace(".", ""));
const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("exports", () => {
  it("FOCUS rows sum to the report to the cent, and corrections to a closed month are Correction rows of its charge period", async () => {
    const store = await octoberAndNovember();
    await closeMonth(store, "2026-10", "fin", NOV_5);
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-1,CC-2,Marketing,2020-01-01\n", "fix.csv");
    const csv = focusHeader() + (await focusRows(new LedgerReader(store), "2026-11", ALL_UNITS));
    const rows = parse(csv, { columns: true }) as Record<
      "BilledCost" | "ChargeClass" | "Tags" | "x_BusinessUnit" | "ChargePeriodStart" | "BillingPeriodStart",
      string
    >[];
    expect(Object.keys(itemAt(rows, 0))).toEqual([...FOCUS_COLUMNS]);
    const report = await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit");
    expect(rows.reduce((sum, r) => sum + cents(r.BilledCost), 0n)).toBe(cents(report.total));
    const corrections = rows.filter((r) => r.ChargeClass === "Correction");
    expect(corrections.map((r) => [r.x_BusinessUnit, r.BilledCost, r.ChargePeriodStart, r.BillingPeriodStart]).sort()).toEqual([
      ["Marketing", "3.50", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"],
      ["Retail", "-3.50", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"],
    ]);
    expect(JSON.parse(rows.find((r) => r.ChargeClass === "")!.Tags)).toEqual({ x_AppId: "app-1", x_BusinessUnit: "Marketing", x_CostCenter: "CC-2" });
    const retail = parse(focusHeader() + (await focusRows(new LedgerReader(store), "2026-11", onlyUnits(["Retail"]))), { columns: true }) as Record<
      string,
      string
    >[];
    expect(retail.map((r) => r.x_BusinessUnit)).toEqual(["Retail"]);
  });

  it("stream a range of months, each month's rows adding up to its report", async () => {
    const store = await octoberAndNovember();
    const months = MonthRange.parse({ from: "2026-09", to: "2026-12" });
    expect(months).toEqual(["2026-09", "2026-10", "2026-11", "2026-12"]);
    const rows = parse(await read(streamMonths(months, chargebackHeader(), (m) => chargebackRows(new LedgerReader(store), m, "app", ALL_UNITS))), {
      columns: true,
    }) as Record<"month" | "cost" | "key", string>[];
    for (const month of months) {
      const sum = rows.filter((r) => r.month === month).reduce((s, r) => s + cents(r.cost), 0n);
      expect(sum, month).toBe(cents((await getChargebackReport(new LedgerReader(store), month, "app")).total));
    }
    expect(MonthRange.safeParse({ from: "2020-01", to: "2026-12" }).error?.issues[0]?.message).toBe("at most 36 months per export");
    expect(MonthRange.safeParse({ from: "2026-12", to: "2026-01" }).error?.issues[0]?.message).toBe("from must not be after to");
  });

  it("keep a correction that takes cost away from unmapped apps, so the rows still add up", async () => {
    const store = await octoberAndNovember();
    await ingestLines(store, events("app-3", "2026-10-12", 100));
    await closeMonth(store, "2026-10", "fin", NOV_5);
    await importOrgMappings(store, "appId,costCenter,businessUnit,validFrom\napp-3,CC-1,Retail,2020-01-01\n", "map.csv");
    const rows = parse(chargebackHeader() + (await chargebackRows(new LedgerReader(store), "2026-11", "business-unit", ALL_UNITS)), {
      columns: true,
    }) as Record<"month" | "cost" | "key", string>[];
    expect(rows.find((r) => r.key === "(unmapped)")?.cost).toBe("-0.35");
    expect(rows.reduce((s, r) => s + cents(r.cost), 0n)).toBe(cents((await getChargebackReport(new LedgerReader(store), "2026-11", "business-unit")).total));
  });
});
