import { type NextRequest, NextResponse } from "next/server";
import { focusHeader, focusRows } from "../../../../../lib/exports/focusCsv";
import { FOCUS_METADATA_PATH } from "../../../../../lib/exports/focusMetadata";
import { streamMonths } from "../../../../../lib/exports/monthRange";
import { getSharedStore } from "../../../../../lib/store";
import { csvResponse } from "../../../../_server/apiAccess";
import { exportRequest } from "../exportRequest";
import { LedgerReader } from "../../../../../lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

/** The months' usage as FOCUS 1.2 rows, for FinOps tools; limited to what the caller may see. Its Link header names its metadata. */
export async function GET(request: NextRequest) {
  const asked = await exportRequest(request, {});
  if (asked instanceof NextResponse) return asked;
  const { months, scope, businessUnit } = asked;
  const store = getSharedStore();
  return csvResponse(
    streamMonths(months, focusHeader(), (month) => focusRows(new LedgerReader(store), month, scope)),
    `focus-${months[0]}-${months.at(-1)}${businessUnit ? `-${businessUnit}` : ""}.csv`,
    { link: `<${FOCUS_METADATA_PATH}>; rel="describedby"; type="application/json"` },
  );
}
