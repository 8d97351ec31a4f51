import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { canSeeUnit } from "../../../../lib/auth/access";
import { apiCaller, apiError } from "../../../../lib/auth/apiAccess";
import { Month } from "../../../../lib/reports/month";
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
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return apiError(400, query.error.issues.map((i) => i.message).join("; "));
  const { month, businessUnit, format } = query.data;
  if (!canSeeUnit(caller, businessUnit)) return apiError(403, "you may not see that business unit");
  const statement = await getStatement(getSharedStore(), month, businessUnit);
  if (!statement) return apiError(409, `${month} is not closed yet: statements are issued when finance closes the month`);
  if (format === "json") return NextResponse.json(statement, { headers: { "cache-control": "no-store" } });
  const name = `statement-${month}-${businessUnit.replace(/[^\w.-]+/g, "_")}.csv`;
  return new NextResponse(statementCsv(statement), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
}
