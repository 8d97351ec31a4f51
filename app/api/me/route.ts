import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

/** Who the session belongs to and what they may see. */
export const GET = defineRoute({
  access: "signed-in",
  handle: ({ caller }) =>
    jsonResponse({
      id: caller.id,
      name: caller.name,
      method: caller.method,
      roles: caller.roles,
      businessUnits: caller.scope.units === "all" ? "all" : caller.ownedUnits,
    }),
});
