import { z } from "zod";
import { Month } from "@/lib/core/months";
import { NotFound } from "@/lib/core/errors";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getAppReport } from "@/lib/reports/getAppReport";
import { mergeOperations } from "@/lib/reports/operationName";
import { getSharedStore } from "@/lib/store";
import { decodeParam } from "@/app/_components/decodeParam";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** One app's month as the app page shows it; 404 for apps the caller may not see, as for unknown ones. */
export const GET = defineRoute({
  access: "signed-in",
  query: z.object({ month: Month }),
  params: z.object({ appId: z.string() }),
  handle: async ({ query: { month }, params, caller }) => {
    const report = await getAppReport(new LedgerReader(getSharedStore()), decodeParam(params.appId), month, caller.scope);
    if (!report) throw new NotFound("no such app, or none of its usage is yours to see");
    // Infinity is not JSON: a p95 past the last histogram bound is reported as "over 60000".
    const p95 = report.p95ModelTimeMs === Infinity ? "over 60000" : report.p95ModelTimeMs;
    return jsonResponse({ ...report, byOperation: mergeOperations(report.byOperation), p95ModelTimeMs: p95 });
  },
});
