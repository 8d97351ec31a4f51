"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { currentCaller, endSession, startSession, webConfig } from "../_server/currentCaller";
import { entraSignOutUrl } from "@/lib/auth/entraSignIn";
import { localPersonas } from "@/lib/auth/localPersonas";
import { safeReturnTo } from "@/lib/auth/returnTo";
import { getSharedStore } from "@/lib/store";

const PersonaForm = z.object({ persona: z.string().min(1).max(100), next: z.string().max(2048).optional() });

/** Local sign-in: only when enabled, and only as one of the listed personas. Server Actions check the Origin (CSRF). */
export async function signInAsPersona(form: FormData): Promise<void> {
  if (!webConfig().localSignIn) redirect("/signin?error=local-disabled");
  const parsed = PersonaForm.safeParse({ persona: form.get("persona"), next: form.get("next") ?? undefined });
  if (!parsed.success) redirect("/signin?error=unknown-persona");
  const personas = localPersonas(await getSharedStore().listBusinessUnitOwners());
  const persona = personas.find((p) => p.id === parsed.data.persona);
  if (!persona) redirect("/signin?error=unknown-persona");
  const { description: _description, ...principal } = persona;
  await startSession(principal);
  redirect(safeReturnTo(parsed.data.next));
}

/** Ends our session; for Entra ID, the tenant's too, so the next sign-in asks again. */
export async function signOut(): Promise<void> {
  const caller = await currentCaller();
  await endSession();
  const { entra } = webConfig();
  let signOutUrl = "/signin?signedOut=1";
  if (caller?.method === "entra" && entra) {
    // Our session is over either way; Entra ID's is ended too when its metadata can be read.
    signOutUrl = await entraSignOutUrl(entra, new URL("/signin?signedOut=1", entra.redirectUri).toString()).then(
      (u) => u.toString(),
      () => signOutUrl,
    );
  }
  redirect(signOutUrl);
}
