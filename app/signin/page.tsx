import { redirect } from "next/navigation";
import { currentCaller, webConfig } from "../_server/currentCaller";
import { localPersonas } from "@/lib/auth/localPersonas";
import { safeReturnTo } from "@/lib/auth/returnTo";
import { getSharedStore } from "@/lib/store";
import { signInAsPersona } from "./actions";

export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  "local-disabled": "Local sign-in is not enabled on this server.",
  "unknown-persona": "That persona does not exist (any more). Pick one below.",
  "entra-failed": "Signing in with Microsoft did not complete. Try again; if it keeps failing, ask your Chargeback admin to check the app registration.",
  "entra-cancelled": "Signing in with Microsoft was cancelled.",
};

type Props = { searchParams: Promise<{ next?: string; error?: string; signedOut?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { next, error, signedOut } = await searchParams;
  const returnTo = safeReturnTo(next);
  const { localSignIn, entra } = webConfig();
  const caller = await currentCaller();
  // With Entra ID alone there is nothing to pick: go straight through the tenant's sign-in.
  if (entra && !localSignIn && !caller && !error && !signedOut) redirect(`/api/auth/entra/login?next=${encodeURIComponent(returnTo)}`);
  const personas = localSignIn ? localPersonas(await getSharedStore().listBusinessUnitOwners()) : [];
  return (
    <>
      <h1>Sign in</h1>
      <p className="sub">Chargeback shows each person the business units they may see.</p>
      {signedOut && <p role="status">You are signed out.</p>}
      {error && (
        <p className="error" role="alert">
          {Object.hasOwn(ERRORS, error) ? ERRORS[error] : "Sign-in failed."}
        </p>
      )}
      {caller && (
        <p role="status">
          You are signed in as {caller.name}. <a href={returnTo}>Continue</a>, or pick someone else below.
        </p>
      )}
      {entra && (
        <p>
          <a className="button primary" href={`/api/auth/entra/login?next=${encodeURIComponent(returnTo)}`}>
            Sign in with Microsoft
          </a>
        </p>
      )}
      {localSignIn && (
        <section aria-labelledby="personas">
          <h2 id="personas">Demo personas</h2>
          <p className="sub">Local sign-in is enabled on this workstation. Pick who to be; nothing is checked with Entra ID.</p>
          <ul className="personas">
            {personas.map((p) => (
              <li key={p.id}>
                <form action={signInAsPersona}>
                  <input type="hidden" name="persona" value={p.id} />
                  <input type="hidden" name="next" value={returnTo} />
                  <button type="submit">
                    <span>{p.name}</span>
                    <span className="role">{p.description}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
