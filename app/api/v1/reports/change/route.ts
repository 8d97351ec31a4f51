import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { scopedRequest } from "../../../../_server/apiAccess";
import { Month } from "../../../../../lib/core/months";
import { LedgerReader } from "../../../../../lib/ledger/ledgerReader";
import { explainChange } from "../../../../../lib/reports/explainChange";
import { getSharedStore } from "../../../../../lib/store";

export const dynamic = "force-dynamic";

const Query = z.object({ month: Month, businessUnit: z.string().min(1).max(200).optional() });

/**
 * Why the month's cost differs from the previous month's, in pieces that add up to the change
 * (`chargeback report --explain`), within what the caller may see; `change` is null when the two
 * months are in different currencies.
 */
export async function GET(request: NextRequest) {
  const asked = await scopedRequest(request, Query);
  if (asked instanceof NextResponse) return asked;
  const { month } = asked.query;
  const change = await explainChange(new LedgerReader(getSharedStore()), month, asked.scope);
  return NextResponse.json({ month, change }, { headers: { "cache-control": "no-store" } });
}
