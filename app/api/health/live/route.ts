import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** Liveness: the server answers. No store call: a store outage must not get the container restarted. */
export const GET = defineRoute({ access: "anyone", handle: () => jsonResponse({ status: "live" }) });
