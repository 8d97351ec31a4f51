import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { csvResponse, scopedRequest } from "../../../../_server/apiAccess";
import { chargebackHeader, chargebackRows } from "../../../../../lib/exports/chargebackRangeCsv";
import { getChargebackReport, ReportDimension } from "../../../../../lib/reports/getChargebackReport";
import { Month } from "../../../../../lib/core/months";
import { dimensionCsv } from "../../../../../lib/exports/dimensionCsv";
import { EventDimension, getDimensionReport, isEventDimension } from "../../../../../lib/reports/getDimensionReport";
import { getSharedStore } from "../../../../../lib/store";
import { LedgerReader } from "../../../../../lib/ledger/ledgerReader";

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
export async function GET(request: NextRequest) {
  const asked = await scopedRequest(request, Query);
  if (asked instanceof NextResponse) return asked;
  const {
    query: { month, by, businessUnit, format },
    scope,
  } = asked;
  const reader = new LedgerReader(getSharedStore());
  if (isEventDimension(by)) {
    const report = await getDimensionReport(reader, month, by as EventDimension, { scope });
    if (format === "json") return NextResponse.json(report, { headers: { "cache-control": "no-store" } });
    return csvResponse(dimensionCsv(report), `chargeback-${month}-${by.replace(":", "-")}${businessUnit ? `-${businessUnit}` : ""}.csv`);
  }
  if (format === "json")
    return NextResponse.json(await getChargebackReport(reader, month, by as ReportDimension, scope), { headers: { "cache-control": "no-store" } });
  return csvResponse(
    chargebackHeader() + (await chargebackRows(reader, month, by as ReportDimension, scope)),
    `chargeback-${month}-${by}${businessUnit ? `-${businessUnit}` : ""}.csv`,
  );
}
