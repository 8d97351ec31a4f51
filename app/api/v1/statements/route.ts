import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { apiError, csvResponse, scopedRequest } from "../../../_server/apiAccess";
import { Month } from "../../../../lib/core/months";
import { getStatement, statementCsv } from "../../../../lib/statements/getStatement";
import { statementFileName } from "../../../../lib/statements/statementPack";
import { getStatementPdf } from "../../../../lib/statements/statementPdf";
import { getSharedStore } from "../../../../lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  businessUnit: z.string({ error: "businessUnit is required" }).min(1).max(200),
  format: z.enum(["json", "csv", "pdf"], { error: "format must be json, csv or pdf" }).default("json"),
});

const notClosed = (month: string) => apiError(409, `${month} is not closed yet: statements are issued when finance closes the month`);

/** A business unit's frozen statement for a closed month, as JSON, CSV or the PDF to send; its owners, finance and admins only. */
export async function GET(request: NextRequest) {
  const asked = await scopedRequest(request, Query);
  if (asked instanceof NextResponse) return asked;
  const { month, businessUnit, format } = asked.query;
  const store = getSharedStore();
  if (format === "pdf") {
    if (!(await store.getClosedMonth(month))) return notClosed(month);
    const pdf = await getStatementPdf(store, month, businessUnit);
    if (!pdf) return apiError(404, `${businessUnit} has no statement for ${month}: it had no cost in the month`);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${statementFileName(month, businessUnit)}"`,
        "cache-control": "no-store",
      },
    });
  }
  const statement = await getStatement(store, month, businessUnit);
  if (!statement) return notClosed(month);
  if (format === "json") return NextResponse.json(statement, { headers: { "cache-control": "no-store" } });
  return csvResponse(statementCsv(statement), `statement-${month}-${businessUnit}.csv`);
}
