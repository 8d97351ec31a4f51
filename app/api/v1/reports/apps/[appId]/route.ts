import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { apiCaller, apiError } from "../../../../../_server/apiAccess";
import { getAppReport } from "../../../../../../lib/reports/getAppReport";
import { Month } from "../../../../../../lib/core/months";
import { getSharedStore } from "../../../../../../lib/store";
import { decodeParam } from "../../../../../_components/decodeParam";
import { LedgerReader } from "../../../../../../lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

/** One app's month as the app page shows it; 404 for apps the caller may not see, as for unknown ones. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ appId: string }> }) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = z.object({ month: Month }).safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return apiError(400, query.error.issues.map((i) => i.message).join("; "));
  const report = await getAppReport(new LedgerReader(getSharedStore()), decodeParam((await params).appId), query.data.month, caller.scope);
  if (!report) return apiError(404, "no such app, or none of its usage is yours to see");
  // Infinity is not JSON: a p95 past the last histogram bound is reported as "over 60000".
  const p95 = report.p95ModelTimeMs === Infinity ? "over 60000" : report.p95ModelTimeMs;
  return NextResponse.json({ ...report, p95ModelTimeMs: p95 }, { headers: { "cache-control": "no-store" } });
}
