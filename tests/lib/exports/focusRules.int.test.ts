import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoOrganisation } from "../../../worker/demo/demoOrganisation";
import { loadDemoData } from "../../../worker/demo/loadDemoData";
import { currentMonth, now } from "../../../lib/core/clock";
import { previousMonth } from "../../../lib/core/months";
import { focusHeader, focusRows } from "../../../lib/exports/focusCsv";
import { focusMetadata } from "../../../lib/exports/focusMetadata";
import { LedgerReader } from "../../../lib/ledger/ledgerReader";
import { importOrgMappings } from "../../../lib/org/importOrgMappings";
import { ALL_UNITS } from "../../../lib/reports/reportScope";
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
async function demoMonthWithCorrections() {
  const { store } = freshStore();
  await loadDemoData(store, fs.mkdtempSync(path.join(os.tmpdir(), "demo-")), now(), 60);
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
