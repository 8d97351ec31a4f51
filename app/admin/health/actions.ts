"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "@/lib/core/errors";
import { discardQuarantined } from "@/lib/events/discardQuarantined";
import { replayQuarantine } from "@/lib/events/replayQuarantine";
import { loadPricer } from "@/lib/pricing/loadPricer";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";

const PAGE = "/admin/health";
const back = (kind: "done" | "error", message: string): never => redirect(`${PAGE}?${kind}=${encodeURIComponent(message.slice(0, 500))}#quarantine`);
const Form = z.object({ id: z.string().trim().min(1, "pick a quarantined event").max(200) });

/** Parses the form and checks the caller (a server action is a POST anyone can forge), then acts and comes back. */
async function onQuarantined(form: FormData, act: (id: string, actor: string) => Promise<string>): Promise<never> {
  const caller = await requireAllowed("quarantine:write", PAGE);
  const parsed = Form.safeParse({ id: form.get("id") });
  if (!parsed.success) return back("error", parsed.error.issues[0]?.message ?? "pick a quarantined event");
  let done: string;
  try {
    done = await act(parsed.data.id, actorOf(caller));
  } catch (error) {
    if (error instanceof UserError) back("error", error.message);
    throw error;
  }
  return back("done", done);
}

/** The CLI's replay (lib/events/replayQuarantine.ts) on one line, audited. */
export async function replayQuarantined(form: FormData): Promise<void> {
  await onQuarantined(form, async (id, actor) => {
    const store = getSharedStore();
    const summary = await replayQuarantine(store, await loadPricer(store), [id], {
      actor,
      action: "quarantine.replay",
      reason: "replayed from the Health page",
    });
    return summary.stillFailing > 0 ? `Event ${id} still fails: it stays in quarantine with its reason.` : `Event ${id} replayed: it now counts.`;
  });
}

/** Lets one line go: it is never counted, and the discard is audited. */
export async function discardQuarantinedEvent(form: FormData): Promise<void> {
  await onQuarantined(form, async (id, actor) => {
    await discardQuarantined(getSharedStore(), [id], { actor, action: "quarantine.discard", reason: "discarded from the Health page" });
    return `Event ${id} discarded: it will not be counted.`;
  });
}
