import "server-only";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { type Action, type Caller, may } from "@/lib/auth/access";
import { requireCaller } from "./currentCaller";

/** The page's path and query as asked (set by proxy.ts): layouts get no URL of their own. */
export async function requestReturnTo(): Promise<string> {
  return (await headers()).get("x-return-to") ?? "/";
}

export const requestPath = async () => (await requestReturnTo()).split("?")[0] ?? "/";

/**
 * The sign-in and role check of a page, run by its segment's layout: a layout renders before the
 * segment's loading skeleton streams, so a redirect stays a 307 and a refusal a 403. The page
 * checks again (its own, finer checks stay there).
 */
export async function gatePage(action?: Action): Promise<Caller> {
  const caller = await requireCaller(await requestReturnTo());
  if (action && !may(caller, action)) forbidden();
  return caller;
}
