import { z } from "zod";
import { budgetStateCache, budgetStateOf, loadBudgetSnapshot } from "@/lib/budgets/budgetState";
import { loadConfig } from "@/lib/config/schema";
import { Forbidden, Unauthenticated } from "@/lib/core/errors";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { webConfig } from "@/app/_server/currentCaller";
import { gatewaySender } from "@/lib/intake/gatewaySender";

export const dynamic = "force-dynamic";

// One per web replica: answered from memory, refreshed in the background (lib/budgets/budgetState.ts).
let cache: ReturnType<typeof budgetStateCache> | undefined;

/**
 * For the gateway (deploy/apim/budget-state-fragment.xml): whether an app, its cost center or its
 * unit is over a hard budget this month. Ingest credentials only, like the intake (no session is
 * looked up); an app that is not a listed gateway may ask only about itself.
 */
export const GET = defineRoute({
  access: "anyone",
  observe: "/api/v1/budgets/state",
  query: z.object({
    appId: z.string({ error: "name the calling app: ?appId=<client id>" }).trim().min(1, "name the calling app: ?appId=<client id>").max(128),
  }),
  handle: async ({ request, query }) => {
    const sender = await gatewaySender(request.headers.get("authorization"), getSharedStore(), webConfig());
    if (!sender)
      throw new Unauthenticated("send an ingest key or an Entra ID token with the Chargeback.Ingest role", {
        "www-authenticate": 'Bearer realm="chargeback-intake"',
      });
    if (sender.onlyApp && sender.onlyApp.toLowerCase() !== query.appId.toLowerCase()) throw new Forbidden("an app may ask only about itself");
    cache ??= budgetStateCache(() => loadBudgetSnapshot(getSharedStore()), loadConfig().CHARGEBACK_BUDGET_STATE_REFRESH_SECONDS * 1000);
    return jsonResponse(budgetStateOf(await cache.get(), query.appId));
  },
});
