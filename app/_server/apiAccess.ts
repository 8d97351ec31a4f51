import "server-only";
import { NextResponse } from "next/server";
import { canSeeUnit, type Caller } from "@/lib/auth/access";
import { Forbidden } from "@/lib/core/errors";
import { onlyUnits, type ReportScope } from "@/lib/reports/reportScope";

/** The caller's whole scope, or one unit they name (403 when it is not theirs to see). */
export function scopeFor(caller: Caller, businessUnit: string | undefined): ReportScope {
  if (businessUnit === undefined) return caller.scope;
  if (!canSeeUnit(caller, businessUnit)) throw new Forbidden("you may not see that business unit");
  return onlyUnits([businessUnit]);
}

/** A JSON answer, never cached: every API answer depends on who asks and on data that changes. */
export const jsonResponse = (body: unknown, init: { status?: number } = {}): NextResponse =>
  NextResponse.json(body, { status: init.status, headers: { "cache-control": "no-store" } });

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
