import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { budgetStateCache, budgetStateOf, loadBudgetSnapshot } from "../../../../../lib/budgets/budgetState";
import { loadConfig } from "../../../../../lib/config/schema";
import { getSharedStore } from "../../../../../lib/store";
import { gatewaySender } from "../../../../_server/gatewaySender";
import { observeRoute } from "../../../../_server/observeRoute";

export const dynamic = "force-dynamic";

const GetBudgetStateQuery = z.object({ appId: z.string().trim().min(1, "name the calling app: ?appId=<client id>").max(128) });
// One per web replica: answered from memory, refreshed in the background (lib/budgets/budgetState.ts).
let cache: ReturnType<typeof budgetStateCache> | undefined;

const refuse = (status: number, error: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });

/**
 * For the gateway (deploy/apim/budget-state-fragment.xml): whether an app, its cost center or its
 * unit is over a hard budget this month. Ingest credentials only, like the intake; an app that is
 * not a listed gateway may ask only about itself.
 */
export const GET = observeRoute("/api/v1/budgets/state", async (request: NextRequest) => {
  const sender = await gatewaySender(request);
  if (!sender)
    return refuse(401, "send an ingest key or an Entra ID token with the Chargeback.Ingest role", { "www-authenticate": 'Bearer realm="chargeback-intake"' });
  const query = GetBudgetStateQuery.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return refuse(400, query.error.issues[0].message);
  if (sender.onlyApp && sender.onlyApp.toLowerCase() !== query.data.appId.toLowerCase()) return refuse(403, "an app may ask only about itself");
  cache ??= budgetStateCache(() => loadBudgetSnapshot(getSharedStore()), loadConfig().CHARGEBACK_BUDGET_STATE_REFRESH_SECONDS * 1000);
  return NextResponse.json(budgetStateOf(await cache.get(), query.data.appId), { headers: { "cache-control": "no-store" } });
});
