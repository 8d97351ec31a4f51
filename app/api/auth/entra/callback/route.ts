import { NextResponse } from "next/server";
import { startSession, webConfig } from "@/app/_server/currentCaller";
import { defineRoute } from "@/app/_server/defineRoute";
import { NotFound } from "@/lib/core/errors";
import { completeEntraSignIn } from "@/lib/auth/entraSignIn";
import { getSharedStore } from "@/lib/store";
import { takeTransaction } from "../transactionCookie";
import { errorField, logFor } from "@/lib/telemetry/log";

/** Where Entra ID sends the browser back: redeem the code, start the session, go where the user was going. */
export const GET = defineRoute({
  access: "anyone",
  handle: async ({ request }) => {
    const { entra } = webConfig();
    if (!entra) throw new NotFound("Entra ID sign-in is not configured on this server");
    const back = (error: string) => NextResponse.redirect(new URL(`/signin?error=${error}`, entra.redirectUri));
    const transaction = await takeTransaction();
    if (request.nextUrl.searchParams.get("error")) return back("entra-cancelled");
    if (!transaction) return back("entra-failed");
    try {
      // The URL Entra ID redirected to, as registered: the server may sit behind a proxy that rewrote the host.
      const callbackUrl = new URL(entra.redirectUri);
      callbackUrl.search = request.nextUrl.search;
      const principal = await completeEntraSignIn(entra, callbackUrl, transaction);
      // Only the groups that own a unit matter, and a cookie holds about 4 KB: keep just those.
      // A group made an owner later counts from its members' next sign-in.
      const owning = new Set((await getSharedStore().listBusinessUnitOwners()).filter((o) => o.principalType === "group").map((o) => o.principalId));
      await startSession({ ...principal, groups: principal.groups.filter((g) => owning.has(g)) });
    } catch (error) {
      logFor("auth").warn({ event: "signin.failed", ...errorField(error) }, "sign-in with Entra ID failed");
      return back("entra-failed");
    }
    return NextResponse.redirect(new URL(transaction.returnTo, entra.redirectUri));
  },
});
