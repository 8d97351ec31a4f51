import { type NextRequest, NextResponse } from "next/server";
import { chargebackHeader, chargebackRows } from "../../../../../lib/exports/chargebackRangeCsv";
import { streamMonths } from "../../../../../lib/exports/monthRange";
import { ReportDimension } from "../../../../../lib/reports/getChargebackReport";
import { getSharedStore } from "../../../../../lib/store";
import { csvResponse } from "../../../../_server/apiAccess";
import { exportRequest } from "../exportRequest";
import { LedgerReader } from "../../../../../lib/ledger/ledgerReader";

export const dynamic = "force-dynamic";

/** Any chargeback view over a range of months (up to three years), as CSV streamed month by month. */
export async function GET(request: NextRequest) {
  const asked = await exportRequest(request, { by: ReportDimension.default("business-unit") });
  if (asked instanceof NextResponse) return asked;
  const { months, scope, query, businessUnit } = asked;
  const store = getSharedStore();
  const body = streamMonths(months, chargebackHeader(), (month) => chargebackRows(new LedgerReader(store), month, query.by, scope));
  return csvResponse(body, `chargeback-${months[0]}-${months.at(-1)}-${query.by}${businessUnit ? `-${businessUnit}` : ""}.csv`);
}
