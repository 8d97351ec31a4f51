import { focusHeader, focusRows } from "@/lib/exports/focusCsv";
import { FOCUS_METADATA_PATH } from "@/lib/exports/focusMetadata";
import { streamMonths } from "@/lib/exports/monthRange";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getSharedStore } from "@/lib/store";
import { csvResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { exportMonths, exportQuery } from "../exportRequest";

export const dynamic = "force-dynamic";

/** The months' usage as FOCUS 1.2 rows, for FinOps tools; limited to what the caller may see. Its Link header names its metadata. */
export const GET = defineRoute({
  access: "signed-in",
  query: exportQuery({}),
  handle: ({ request, query: { businessUnit }, scope }) => {
    const months = exportMonths(request);
    const store = getSharedStore();
    return csvResponse(
      streamMonths(months, focusHeader(), (month) => focusRows(new LedgerReader(store), month, scope)),
      `focus-${months[0]}-${months.at(-1)}${businessUnit ? `-${businessUnit}` : ""}.csv`,
      { link: `<${FOCUS_METADATA_PATH}>; rel="describedby"; type="application/json"` },
    );
  },
});
