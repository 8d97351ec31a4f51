import { stringify } from "csv-stringify/sync";
import { NextResponse } from "next/server";
import { z } from "zod";
import { safeText } from "@/lib/core/safeText";
import { ORG_COLUMNS } from "@/lib/org/importOrgMappings";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** Every mapping, in the columns `chargeback org import` and the admin import read back. */
export const GET = defineRoute({
  access: { may: "mappings:read", refused: "only finance and admins see every app's mapping" },
  query: z.object({ format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json") }),
  handle: async ({ query: { format } }) => {
    const mappings = await getSharedStore().listOrgMappings();
    if (format === "json") return jsonResponse(mappings);
    const csv = stringify([
      [...ORG_COLUMNS, "validTo"],
      ...mappings.map((m) => [safeText(m.appId), safeText(m.costCenter), safeText(m.businessUnit), m.validFrom, m.validTo ?? ""]),
    ]);
    return new NextResponse(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="mappings.csv"', "cache-control": "no-store" },
    });
  },
});
