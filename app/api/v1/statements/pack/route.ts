import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { may } from "../../../../../lib/auth/access";
import { Month } from "../../../../../lib/core/months";
import { getStatementPack } from "../../../../../lib/statements/statementPack";
import { getSharedStore } from "../../../../../lib/store";
import { apiCaller, apiError, parseQuery } from "../../../../_server/apiAccess";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month });

/** Every unit's statement PDF for a closed month in one ZIP: finance only (it holds every unit's figures). */
export async function GET(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  if (!may(caller, "statements:pack")) return apiError(403, "only finance downloads every unit's statements at once");
  const query = parseQuery(request, Query);
  if (query instanceof NextResponse) return query;
  const pack = await getStatementPack(getSharedStore(), query.month);
  if (!pack) return apiError(409, `${query.month} is not closed yet: statements are issued when finance closes the month`);
  return new NextResponse(new Uint8Array(pack), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="statements-${query.month}.zip"`,
      "cache-control": "no-store",
    },
  });
}
