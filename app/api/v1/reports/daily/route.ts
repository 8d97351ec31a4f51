import { z } from "zod";
import { Month } from "@/lib/core/months";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getDailyTrend } from "@/lib/reports/getDailyTrend";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month, businessUnit: z.string().min(1).max(200).optional() });

/** Cost per UTC day and business unit ("" = unmapped), as priced and mapped today. */
export const GET = defineRoute({
  access: "signed-in",
  query: Query,
  handle: async ({ query: { month }, scope }) => {
    const trend = getDailyTrend(await new LedgerReader(getSharedStore()).ledger(month), scope);
    return jsonResponse({ month, ...trend });
  },
});
