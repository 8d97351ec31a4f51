import { stringify } from "csv-stringify/sync";
import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { may } from "../../../../lib/auth/access";
import { apiCaller, apiError } from "../../../_server/apiAccess";
import { safeText } from "../../../../lib/core/safeText";
import { ORG_COLUMNS } from "../../../../lib/org/importOrgMappings";
import { getSharedStore } from "../../../../lib/store";

export const dynamic = "force-dynamic";

/** Every mapping, in the columns `chargeback org import` and the admin import read back. */
export async function GET(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  if (!may(caller, "mappings:read")) return apiError(403, "only finance and admins see every app's mapping");
  const query = z
    .object({ format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json") })
    .safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return apiError(400, query.error.issues[0].message);
  const mappings = await getSharedStore().listOrgMappings();
  if (query.data.format === "json") return NextResponse.json(mappings, { headers: { "cache-control": "no-store" } });
  const csv = stringify([
    [...ORG_COLUMNS, "validTo"],
    ...mappings.map((m) => [safeText(m.appId), safeText(m.costCenter), safeText(m.businessUnit), m.validFrom, m.validTo ?? ""]),
  ]);
  return new NextResponse(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="mappings.csv"', "cache-control": "no-store" },
  });
}
