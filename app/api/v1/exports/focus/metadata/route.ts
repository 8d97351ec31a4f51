import { focusMetadata } from "@/lib/exports/focusMetadata";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** The FOCUS export's metadata (data generator, schema, column definitions): no usage, so any signed-in caller. */
export const GET = defineRoute({ access: "signed-in", handle: () => jsonResponse(focusMetadata()) });
