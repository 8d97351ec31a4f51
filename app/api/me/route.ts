import { NextResponse } from "next/server";
import { apiCaller } from "../../_server/apiAccess";

export const dynamic = "force-dynamic";

/** Who the session belongs to and what they may see. */
export async function GET() {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  return NextResponse.json(
    { id: caller.id, name: caller.name, method: caller.method, roles: caller.roles, businessUnits: caller.scope.units === "all" ? "all" : caller.ownedUnits },
    { headers: { "cache-control": "no-store" } },
  );
}
