import { z } from "zod";
import { now } from "@/lib/core/clock";
import { Month } from "@/lib/core/months";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getCloseChecklist } from "@/lib/statements/closeChecklist";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** Whether the month is ready to close (`chargeback month checklist`): finance only. */
export const GET = defineRoute({
  access: { may: "months:close", refused: "only finance closes months" },
  params: z.object({ month: Month }),
  handle: async ({ params: { month } }) => {
    const store = getSharedStore();
    return jsonResponse(await getCloseChecklist(new LedgerReader(store), store, month, now()));
  },
});
