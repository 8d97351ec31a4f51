import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import type { Caller } from "../../../../lib/auth/access";
import { apiError, scopedRequest } from "../../../_server/apiAccess";
import { MonthRange } from "../../../../lib/exports/monthRange";
import type { ReportScope } from "../../../../lib/reports/reportScope";

/** A report route's checks (caller, query, scope) plus the months of the export, or the response that refuses it. */
export async function exportRequest<T extends z.ZodRawShape>(
  request: NextRequest,
  extra: T,
): Promise<{ caller: Caller; months: string[]; scope: ReportScope; businessUnit?: string; query: z.infer<z.ZodObject<T>> } | NextResponse> {
  type Query = z.infer<z.ZodObject<T>> & { businessUnit?: string };
  // zod cannot see through the generic spread; the schema's output is exactly Query.
  const schema = z.object({ ...extra, businessUnit: z.string().min(1).max(200).optional() }) as unknown as z.ZodType<Query>;
  const asked = await scopedRequest(request, schema);
  if (asked instanceof NextResponse) return asked;
  const range = MonthRange.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!range.success) return apiError(400, range.error.issues.map((i) => `${i.path.join(".") || "range"}: ${i.message}`).join("; "));
  return { caller: asked.caller, months: range.data, scope: asked.scope, businessUnit: asked.query.businessUnit, query: asked.query };
}
