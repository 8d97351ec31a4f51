import { NextResponse } from "next/server";
import { focusMetadata } from "../../../../../../lib/exports/focusMetadata";
import { apiCaller } from "../../../../../_server/apiAccess";

export const dynamic = "force-dynamic";

/** The FOCUS export's metadata (data generator, schema, column definitions): no usage, so any signed-in caller. */
export async function GET() {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  return NextResponse.json(focusMetadata(), { headers: { "cache-control": "no-store" } });
}
