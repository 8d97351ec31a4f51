import { z } from "zod";
import { Month } from "@/lib/core/months";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { explainChange } from "@/lib/reports/explainChange";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month, businessUnit: z.string().min(1).max(200).optional() });

/**
 * Why the month's cost differs from the previous month's, in pieces that add up to the change
 * (`chargeback report --explain`), within what the caller may see; `change` is null when the two
 * months are in different currencies.
 */
export const GET = defineRoute({
  access: "signed-in",
  query: Query,
  handle: async ({ query: { month }, scope }) => jsonResponse({ month, change: await explainChange(new LedgerReader(getSharedStore()), month, scope) }),
});
