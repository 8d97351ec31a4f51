import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { scopedRequest } from "../../../../_server/apiAccess";
import { getDailyTrend } from "../../../../../lib/reports/getDailyTrend";
import { Month } from "../../../../../lib/core/months";
import { getSharedStore } from "../../../../../lib/store";
import { LedgerReader } from "../../../../../lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month, businessUnit: z.string().min(1).max(200).optional() });

/** Cost per UTC day and business unit ("" = unmapped), as priced and mapped today. */
export async function GET(request: NextRequest) {
  const asked = await scopedRequest(request, Query);
  if (asked instanceof NextResponse) return asked;
  const { month } = asked.query;
  const trend = getDailyTrend(await new LedgerReader(getSharedStore()).ledger(month), asked.scope);
  return NextResponse.json({ month, ...trend }, { headers: { "cache-control": "no-store" } });
}
