import { getSharedStore } from "@/lib/store";
import { checkStoreHealth } from "@/lib/store/storeHealth";
import { logFor } from "@/lib/telemetry/log";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/**
 * Readiness: the store answers and its schema is current (migrations applied); else 503. Anyone
 * can call it, so the answer says only which check failed; why is in the log (`health.notReady`).
 */
export const GET = defineRoute({
  access: "anyone",
  handle: async () => {
    const { problem, ...store } = await Promise.resolve()
      .then(() => checkStoreHealth(getSharedStore()))
      .catch((error: Error) => ({ reachable: false, schemaCurrent: false, problem: error.message.split("\n")[0] }));
    const ready = store.reachable && store.schemaCurrent;
    if (!ready) logFor("web").warn({ event: "health.notReady", ...store, problem }, `not ready: ${problem}`);
    return jsonResponse({ status: ready ? "ready" : "not ready", store }, { status: ready ? 200 : 503 });
  },
});
