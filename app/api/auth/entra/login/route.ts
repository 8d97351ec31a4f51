import { NextResponse } from "next/server";
import { webConfig } from "@/app/_server/currentCaller";
import { defineRoute } from "@/app/_server/defineRoute";
import { NotFound } from "@/lib/core/errors";
import { beginEntraSignIn } from "@/lib/auth/entraSignIn";
import { safeReturnTo } from "@/lib/auth/returnTo";
import { keepTransaction } from "../transactionCookie";
import { errorField, logFor } from "@/lib/telemetry/log";

/** Starts OpenID Connect sign-in with Entra ID (authorization code + PKCE). */
export const GET = defineRoute({
  access: "anyone",
  handle: async ({ request }) => {
    const { entra } = webConfig();
    if (!entra) throw new NotFound("Entra ID sign-in is not configured on this server");
    try {
      const { url, transaction } = await beginEntraSignIn(entra, safeReturnTo(request.nextUrl.searchParams.get("next")));
      await keepTransaction(transaction);
      return NextResponse.redirect(url);
    } catch (error) {
      logFor("auth").warn({ event: "signin.start.failed", ...errorField(error) }, "sign-in with Entra ID could not start");
      return NextResponse.redirect(new URL("/signin?error=entra-failed", entra.redirectUri));
    }
  },
});
