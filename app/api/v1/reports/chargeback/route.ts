import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { canSeeUnit } from "../../../../../lib/auth/access";
import { apiCaller, apiError } from "../../../../../lib/auth/apiAccess";
import { chargebackHeader, chargebackRows } from "../../../../../lib/exports/chargebackRangeCsv";
import { getChargebackReport, ReportDimension } from "../../../../../lib/reports/getChargebackReport";
import { Month } from "../../../../../lib/reports/month";
import { onlyUnits } from "../../../../../lib/reports/reportScope";
import { getSharedStore } from "../../../../../lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  by: ReportDimension.default("business-unit"),
  businessUnit: z.string().min(1).max(200).optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

/**
 * The month's chargeback as the CLI's `report` prints it, limited to what the caller may see:
 * a unit owner gets their units only, and 403 for any other unit they name.
 */
export async function GET(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return apiError(400, query.error.issues.map((i) => i.message).join("; "));
  const { month, by, businessUnit, format } = query.data;
  if (businessUnit !== undefined && !canSeeUnit(caller, businessUnit)) return apiError(403, "you may not see that business unit");
  const scope = businessUnit === undefined ? caller.scope : onlyUnits([businessUnit]);
  if (format === "json") return NextResponse.json(await getChargebackReport(getSharedStore(), month, by, scope), { headers: { "cache-control": "no-store" } });
  const name = `chargeback-${month}-${by}${businessUnit ? `-${businessUnit.replace(/[^\w.-]+/g, "_")}` : ""}.csv`;
  return new NextResponse(chargebackHeader() + (await chargebackRows(getSharedStore(), month, by, scope)), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
