import { NextResponse } from "next/server";
import { may } from "../../../../../../lib/auth/access";
import { now } from "../../../../../../lib/core/clock";
import { Month } from "../../../../../../lib/core/months";
import { LedgerReader } from "../../../../../../lib/ledger/ledgerReader";
import { getCloseChecklist } from "../../../../../../lib/statements/closeChecklist";
import { getSharedStore } from "../../../../../../lib/store";
import { apiCaller, apiError } from "../../../../../_server/apiAccess";

export const dynamic = "force-dynamic";

/** Whether the month is ready to close (`chargeback month checklist`): finance only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string }> }) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  if (!may(caller, "months:close")) return apiError(403, "only finance closes months");
  const month = Month.safeParse((await params).month);
  if (!month.success) return apiError(400, "month must be YYYY-MM");
  const store = getSharedStore();
  return NextResponse.json(await getCloseChecklist(new LedgerReader(store), store, month.data, now()), { headers: { "cache-control": "no-store" } });
}
