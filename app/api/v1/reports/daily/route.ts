import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { canSeeUnit } from "../../../../../lib/auth/access";
import { apiCaller, apiError } from "../../../../../lib/auth/apiAccess";
import { getDailyTrend } from "../../../../../lib/reports/getDailyTrend";
import { Month } from "../../../../../lib/reports/month";
import { onlyUnits } from "../../../../../lib/reports/reportScope";
import { getSharedStore } from "../../../../../lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month, businessUnit: z.string().min(1).max(200).optional() });

/** Cost per UTC day and business unit ("" = unmapped), as priced and mapped today. */
export async function GET(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return apiError(400, query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { month, businessUnit } = query.data;
  if (businessUnit !== undefined && !canSeeUnit(caller, businessUnit)) return apiError(403, "you may not see that business unit");
  const trend = await getDailyTrend(getSharedStore(), month, businessUnit === undefined ? caller.scope : onlyUnits([businessUnit]));
  return NextResponse.json({ month, ...trend }, { headers: { "cache-control": "no-store" } });
}
