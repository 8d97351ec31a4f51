import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import type { Caller } from "../../../../lib/auth/access";
import { apiCaller, apiError, parseQuery, scopeFor } from "../../../../lib/auth/apiAccess";
import { MonthRange } from "../../../../lib/exports/monthRange";
import type { ReportScope } from "../../../../lib/reports/reportScope";

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
  const query = parseQuery(request, z.object({ ...extra, businessUnit: z.string().min(1).max(200).optional() }));
  if (query instanceof NextResponse) return query;
  const businessUnit = (query as { businessUnit?: string }).businessUnit;
  const scope = scopeFor(caller, businessUnit);
  if (scope instanceof NextResponse) return scope;
  return { caller, months: range.data, scope, businessUnit, query: query as z.infer<z.ZodObject<T>> };
}
