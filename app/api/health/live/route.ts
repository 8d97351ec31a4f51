import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the server answers. No store call: a store outage must not get the container restarted. */
export function GET() {
  return NextResponse.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
