import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { canSeeUnit, type Caller } from "../../../../lib/auth/access";
import { apiCaller, apiError } from "../../../../lib/auth/apiAccess";
import { MonthRange } from "../../../../lib/exports/monthRange";
import { onlyUnits, type ReportScope } from "../../../../lib/reports/reportScope";

/** The caller, the months and the scope of an export, or the response that refuses it. */
export async function exportRequest<T extends z.ZodRawShape>(
  request: NextRequest,
  extra: T,
): Promise<{ caller: Caller; months: string[]; scope: ReportScope; businessUnit?: string; query: z.infer<z.ZodObject<T>> } | NextResponse> {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const range = MonthRange.safeParse(params);
  if (!range.success) return apiError(400, range.error.issues.map((i) => `${i.path.join(".") || "range"}: ${i.message}`).join("; "));
  const query = z.object(extra).safeParse(params);
  const unit = z.string().min(1).max(200).optional().safeParse(params.businessUnit);
  if (!query.success || !unit.success) return apiError(400, [...(query.error?.issues ?? []), ...(unit.error?.issues ?? [])].map((i) => `${i.path.join(".") || "businessUnit"}: ${i.message}`).join("; "));
  const businessUnit = unit.data;
  if (businessUnit !== undefined && !canSeeUnit(caller, businessUnit)) return apiError(403, "you may not see that business unit");
  return { caller, months: range.data, scope: businessUnit === undefined ? caller.scope : onlyUnits([businessUnit]), businessUnit, query: query.data };
}

export function csvResponse(body: ReadableStream<Uint8Array>, name: string): NextResponse {
  return new NextResponse(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}"`, "cache-control": "no-store" },
  });
}
