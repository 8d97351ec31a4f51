import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoOrganisation } from "../../../ingest/worker/demo/demoOrganisation";
import { loadDemoData } from "../../../ingest/worker/demo/loadDemoData";
import { currentMonth, now } from "../../../lib/core/clock";
import { previousMonth } from "../../../lib/core/months";
import { focusHeader, focusRows } from "../../../lib/exports/focusCsv";
import { focusMetadata } from "../../../lib/exports/focusMetadata";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
import { importReservations } from "../../../lib/pricing/importReservations";
import { closeMonth } from "../../../lib/statements/closeMonth";
import { isMarkupLine } from "../../../lib/statements/markup";
import { MODEL_CORRECTIONS } from "../../support/focus/modelCorrections";
import { readFocusCsv, runFocusRules } from "../../support/focus/runFocusRules";
import { freshStore } from "../../support/store";
import { FOCUS_APPLICABILITY, FOCUS_NOT_TAKEN, FOCUS_SKIPPED } from "./focusSkippedRules";

/**
 * The demo's current month after its previous month was closed and an app it left unmapped was
 * mapped: corrections to the closed month land in it, beside the markup and the reservation.
 */
async function demoMonthWithCorrections(reservation?: { per: "hour" | "month"; idle: "share" | "separate" }) {
  const { store } = freshStore();
  await loadDemoData(store, fs.mkdtempSync(path.join(os.tmpdir(), "demo-")), now(), 60);
  if (reservation) {
    // The demo's reservation again (same deployment and first day), bought another way.
    const [demo] = await store.listReservations();
    const csv = `deployment,units,price,per,validFrom,idle\n${demo!.deployment},${demo!.units},${reservation.per === "month" ? "73" : "0.1"},${reservation.per},${demo!.validFrom},${reservation.idle}\n`;
    await importReservations(store, csv, "reservations.csv");
  }
  const month = currentMonth();
  await closeMonth(store, previousMonth(month), "finance", now());
  const { apps, orgCsv } = demoOrganisation(now());
  const unmapped = apps.find((a) => !orgCsv.includes(a.appId))!;
  await importOrgMappings(store, `appId,costCenter,businessUnit,validFrom\n${unmapped.appId},CC-110,Stores,2020-01-01\n`, "late.csv");
  return { store, month };
}

/** What a cell of each metadata DataType looks like in the CSV. */
const SHAPES: Record<string, (v: string) => boolean> = {
  DECIMAL: (v) => /^-?\d+(\.\d+)?$/.test(v),
  DATETIME: (v) => /^\d{4}-\d{2}-\d{2}T00:00:00Z$/.test(v),
  JSON: (v) => typeof JSON.parse(v) === "object",
  STRING: () => true,
};

describe("the FOCUS export against the FOCUS 1.2 rule model", () => {
  it("passes every rule of the model it can be checked against, and skips only the listed ones", async () => {
    const { store, month } = await demoMonthWithCorrections();
    const csv = focusHeader() + (await focusRows(new LedgerReader(store), month, ALL_UNITS));
    const data = readFocusCsv(csv);
    // The month has what the rules are hardest on: corrections, markups and provisioned capacity.
    expect(data.rows.some((r) => r.ChargeClass === "Correction")).toBe(true);
    expect(data.rows.some((r) => typeof r.x_AppId === "string" && isMarkupLine(r.x_AppId))).toBe(true);
    expect(data.rows.some((r) => r.CapacityReservationId !== null)).toBe(true);

    const run = runFocusRules(data, { applicability: FOCUS_APPLICABILITY, corrections: MODEL_CORRECTIONS });
    expect(run.failed.map((f) => `${f.id} (${f.violations}): ${f.rule} ${f.missing.join(",")} ${JSON.stringify(f.sample[0] ?? {})}`)).toEqual([]);
    expect(run.skipped).toEqual(FOCUS_SKIPPED);
    expect(run.notTaken).toEqual(FOCUS_NOT_TAKEN);
    expect(run.passed.length).toBeGreaterThan(200);
    // Capacity is a row of its own (no tokens, its PTU-hours), every usage row names its region.
    expect(data.rows.some((r) => r.CapacityReservationId !== null && r.PricingUnit === "Hours" && r.x_PromptTokens === "0")).toBe(true);
    expect(data.rows.filter((r) => r.ChargeCategory === "Usage" && r.ChargeClass === null && r.RegionId === null)).toEqual([]);

    // The closed month before it, read from its frozen statement lines, passes them too.
    const closed = readFocusCsv(focusHeader() + (await focusRows(new LedgerReader(store), previousMonth(month), ALL_UNITS)));
    expect(closed.rows.some((r) => r.CapacityReservationId !== null)).toBe(true);
    expect(runFocusRules(closed, { applicability: FOCUS_APPLICABILITY, corrections: MODEL_CORRECTIONS }).failed.map((f) => f.id)).toEqual([]);
  });

  it("writes every cell as the metadata's column definition says", async () => {
    const { store, month } = await demoMonthWithCorrections();
    const data = readFocusCsv(focusHeader() + (await focusRows(new LedgerReader(store), month, ALL_UNITS)));
    const wrong = focusMetadata().ColumnDefinition.flatMap(({ ColumnName, DataType }) =>
      data.rows.filter((r) => r[ColumnName] !== null && !SHAPES[DataType]?.(r[ColumnName]!)).map((r) => `${ColumnName}: ${r[ColumnName]}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe("provisioned capacity bought as a monthly reservation in the FOCUS export", () => {
  it("is a commitment discount, used by the apps that called it and unused on its idle line, and passes the rules", async () => {
    const { store, month } = await demoMonthWithCorrections({ per: "month", idle: "separate" });
    const data = readFocusCsv(focusHeader() + (await focusRows(new LedgerReader(store), month, ALL_UNITS)));
    const committed = data.rows.filter((r) => r.CommitmentDiscountId !== null);
    expect(new Set(committed.map((r) => r.CommitmentDiscountStatus))).toEqual(new Set(["Used", "Unused"]));
    expect(
      committed.every((r) => r.PricingCategory === "Committed" && r.CommitmentDiscountUnit === "Hours" && r.CommitmentDiscountType === "Reservation"),
    ).toBe(true);
    // Unused capacity consumes nothing; the commitment's hours used and unused add up to the hours it covered so far.
    expect(committed.filter((r) => r.CommitmentDiscountStatus === "Unused").every((r) => r.ConsumedQuantity === null)).toBe(true);
    const hours = committed.reduce((sum, r) => sum + Number(r.CommitmentDiscountQuantity), 0);
    const covered = (Date.parse(data.rows[0]!.ChargePeriodEnd!) - Date.parse(`${month}-01T00:00:00Z`)) / 3_600_000;
    expect(hours).toBeGreaterThan(0);
    expect(hours).toBeLessThanOrEqual(covered + 0.01);

    const run = runFocusRules(data, { applicability: FOCUS_APPLICABILITY, corrections: MODEL_CORRECTIONS });
    expect(run.failed.map((f) => `${f.id} (${f.violations}): ${f.rule} ${JSON.stringify(f.sample[0] ?? {})}`)).toEqual([]);
  });
});
