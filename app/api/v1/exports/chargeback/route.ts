import { chargebackHeader, chargebackRows } from "@/lib/exports/chargebackRangeCsv";
import { streamMonths } from "@/lib/exports/monthRange";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { ReportDimension } from "@/lib/reports/getChargebackReport";
import { getSharedStore } from "@/lib/store";
import { csvResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { exportMonths, exportQuery } from "../exportRequest";

export const dynamic = "force-dynamic";

/** Any chargeback view over a range of months (up to three years), as CSV streamed month by month. */
export const GET = defineRoute({
  access: "signed-in",
  query: exportQuery({ by: ReportDimension.default("business-unit") }),
  handle: ({ request, query: { by, businessUnit }, scope }) => {
    const months = exportMonths(request);
    const store = getSharedStore();
    const body = streamMonths(months, chargebackHeader(), (month) => chargebackRows(new LedgerReader(store), month, by, scope));
    return csvResponse(body, `chargeback-${months[0]}-${months.at(-1)}-${by}${businessUnit ? `-${businessUnit}` : ""}.csv`);
  },
});
