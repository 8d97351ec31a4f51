import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { onlyUnits, type ReportScope } from "../../lib/reports/reportScope";
import { canSeeUnit, type Caller } from "../../lib/auth/access";
import { currentCaller } from "./currentCaller";

export const apiError = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });

/** For route handlers: the caller, or the 401 to return. */
export async function apiCaller(): Promise<Caller | NextResponse> {
  return (await currentCaller()) ?? apiError(401, "sign in first");
}

/** The request's query parameters checked against `schema`, or the 400 that says what is wrong. */
export function parseQuery<T>(request: NextRequest, schema: z.ZodType<T>): T | NextResponse {
  const query = schema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (query.success) return query.data;
  return apiError(400, query.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
}

/** The caller's whole scope, or one unit they name (403 when it is not theirs to see). */
export function scopeFor(caller: Caller, businessUnit: string | undefined): ReportScope | NextResponse {
  if (businessUnit === undefined) return caller.scope;
  return canSeeUnit(caller, businessUnit) ? onlyUnits([businessUnit]) : apiError(403, "you may not see that business unit");
}

/** A CSV download, never cached; `headers` adds to the CSV ones (a Link to the file's metadata). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, name: string, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name.replace(/[^\w.-]+/g, "_")}"`,
      "cache-control": "no-store",
      ...headers,
    },
  });
}

/** The three checks of a report route: who calls, what they ask (valid), and the units they may see of it. */
export async function scopedRequest<T extends { businessUnit?: string }>(
  request: NextRequest,
  schema: z.ZodType<T>,
): Promise<{ caller: Caller; query: T; scope: ReportScope } | NextResponse> {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = parseQuery(request, schema);
  if (query instanceof NextResponse) return query;
  const scope = scopeFor(caller, query.businessUnit);
  return scope instanceof NextResponse ? scope : { caller, query, scope };
}
