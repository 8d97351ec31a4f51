import { z } from "zod";
import { NextResponse } from "next/server";
import { Conflict, NotFound } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { getStatement, statementCsv } from "@/lib/statements/getStatement";
import { getSharedStore } from "@/lib/store";
import { csvResponse, jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { statementFileName } from "@/lib/statements/statementPack";
import { getStatementPdf } from "@/lib/statements/statementPdf";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  businessUnit: z.string({ error: "businessUnit is required" }).min(1).max(200),
  format: z.enum(["json", "csv", "pdf"], { error: "format must be json, csv or pdf" }).default("json"),
});

/** A business unit's frozen statement for a closed month, as JSON, CSV or the PDF to send; its owners, finance and admins only. */
export const GET = defineRoute({
  access: "signed-in",
  query: Query,
  handle: async ({ query: { month, businessUnit, format } }) => {
    const store = getSharedStore();
    const notClosed = () => new Conflict(`${month} is not closed yet: statements are issued when finance closes the month`);
    if (format === "pdf") {
      if (!(await store.getClosedMonth(month))) throw notClosed();
      const pdf = await getStatementPdf(store, month, businessUnit);
      if (!pdf) throw new NotFound(`${businessUnit} has no statement for ${month}: it had no cost in the month`);
      return new NextResponse(new Uint8Array(pdf), {
        headers: {
          "content-type": "application/pdf",
          "content-disposition": `attachment; filename="${statementFileName(month, businessUnit)}"`,
          "cache-control": "no-store",
        },
      });
    }
    const statement = await getStatement(store, month, businessUnit);
    if (!statement) throw notClosed();
    if (format === "json") return jsonResponse(statement);
    return csvResponse(statementCsv(statement), `statement-${month}-${businessUnit}.csv`);
  },
});
