import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { apiError, csvResponse, scopedRequest } from "../../../_server/apiAccess";
import { Month } from "../../../../lib/core/months";
import { getStatement, statementCsv } from "../../../../lib/statements/getStatement";
import { getSharedStore } from "../../../../lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  businessUnit: z.string({ error: "businessUnit is required" }).min(1).max(200),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

/** A business unit's frozen statement for a closed month; its owners, finance and admins only. */
export async function GET(request: NextRequest) {
  const asked = await scopedRequest(request, Query);
  if (asked instanceof NextResponse) return asked;
  const { month, businessUnit, format } = asked.query;
  const statement = await getStatement(getSharedStore(), month, businessUnit);
  if (!statement) return apiError(409, `${month} is not closed yet: statements are issued when finance closes the month`);
  if (format === "json") return NextResponse.json(statement, { headers: { "cache-control": "no-store" } });
  return csvResponse(statementCsv(statement), `statement-${month}-${businessUnit}.csv`);
}
