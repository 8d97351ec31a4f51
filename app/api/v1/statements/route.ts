import { z } from "zod";
import { Conflict } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { getStatement, statementCsv } from "@/lib/statements/getStatement";
import { getSharedStore } from "@/lib/store";
import { csvResponse, jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

const Query = z.object({
  month: Month,
  businessUnit: z.string({ error: "businessUnit is required" }).min(1).max(200),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
});

/** A business unit's frozen statement for a closed month; its owners, finance and admins only. */
export const GET = defineRoute({
  access: "signed-in",
  query: Query,
  handle: async ({ query: { month, businessUnit, format } }) => {
    const statement = await getStatement(getSharedStore(), month, businessUnit);
    if (!statement) throw new Conflict(`${month} is not closed yet: statements are issued when finance closes the month`);
    if (format === "json") return jsonResponse(statement);
    return csvResponse(statementCsv(statement), `statement-${month}-${businessUnit}.csv`);
  },
});
