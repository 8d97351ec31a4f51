import "server-only";
import { forbidden, redirect } from "next/navigation";
import { may, type Action, type Caller } from "@/lib/auth/access";
import { currentCaller } from "../_server/currentCaller";

/** Server Actions are POSTs anyone can forge the body of: each one checks who calls. */
export async function requireAllowed(action: Action, returnTo: string): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (!may(caller, action)) forbidden();
  return caller;
}

/** How the caller appears in the audit log: name and the id that signed in. */
export const actorOf = (caller: Caller) => `${caller.name} <${caller.id}>`;
