import { z } from "zod";
import { Month } from "@/lib/core/months";
import { chargebackHeader, chargebackRows } from "@/lib/exports/chargebackRangeCsv";
import { dimensionCsv } from "@/lib/exports/dimensionCsv";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getChargebackReport, ReportDimension } from "@/lib/reports/getChargebackReport";
import { EventDimension, getDimensionReport, isEventDimension } from "@/lib/reports/getDimensionReport";
import { getSharedStore } from "@/lib/store";
import { csvResponse, jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  by: z
    .union([ReportDimension, EventDimension], { error: "by must be business-unit, cost-center, app, model, tag:<key> or end-user" })
    .default("business-unit"),
  businessUnit: z.string().min(1).max(200).optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

/**
 * The month's chargeback as the CLI's `report` prints it, limited to what the caller may see:
 * a unit owner gets their units only, and 403 for any other unit they name.
 */
export const GET = defineRoute({
  access: "signed-in",
  query: Query,
  handle: async ({ query: { month, by, businessUnit, format }, scope }) => {
    const reader = new LedgerReader(getSharedStore());
    if (isEventDimension(by)) {
      const report = await getDimensionReport(reader, month, by as EventDimension, { scope });
      if (format === "json") return jsonResponse(report);
      return csvResponse(dimensionCsv(report), `chargeback-${month}-${by.replace(":", "-")}${businessUnit ? `-${businessUnit}` : ""}.csv`);
    }
    if (format === "json") return jsonResponse(await getChargebackReport(reader, month, by as ReportDimension, scope));
    return csvResponse(
      chargebackHeader() + (await chargebackRows(reader, month, by as ReportDimension, scope)),
      `chargeback-${month}-${by}${businessUnit ? `-${businessUnit}` : ""}.csv`,
    );
  },
});
