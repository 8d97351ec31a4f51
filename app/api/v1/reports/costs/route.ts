import { canSeeUnit } from "@/lib/auth/access";
import { Forbidden, UserError } from "@/lib/core/errors";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { ReportDimension } from "@/lib/reports/getChargebackReport";
import { getFilteredReport } from "@/lib/reports/getFilteredReport";
import { parseReportQuery, type Params } from "@/lib/reports/reportFilters";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { monthBounds } from "@/app/_server/pageMonth";

export const dynamic = "force-dynamic";

/**
 * The report pages' filters as an API: `by` (business-unit, cost-center, app, model), a period
 * (`range=month|quarter|ytd|custom`, `month`, `from`, `to`), chips (`unit`, `cc`, `app`, `model`
 * repeatable; `tag=key=value` or `env`), `q` and `page`. A unit owner naming another unit gets 403;
 * a bad value, 400 with a sentence.
 */
export const GET = defineRoute({
  access: "signed-in",
  handle: async ({ request, caller, scope }) => {
    const url = request.nextUrl.searchParams;
    const params: Params = Object.fromEntries([...new Set(url.keys())].map((k) => [k, url.getAll(k)]));
    const parsed = parseReportQuery(params);
    if (!parsed.ok) throw new UserError(parsed.message);
    const by = ReportDimension.safeParse(url.get("by") ?? "business-unit");
    if (!by.success) throw new UserError("by must be business-unit, cost-center, app or model.");
    if (parsed.query.filters.units.some((u) => !canSeeUnit(caller, u))) throw new Forbidden("you may not see that business unit");
    const report = await getFilteredReport(new LedgerReader(getSharedStore()), parsed.query, by.data, scope, await monthBounds());
    return jsonResponse(report);
  },
});
