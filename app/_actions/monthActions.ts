"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { firstIssue, UserError } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { reopenMonth } from "@/lib/statements/closeMonth";
import { getSharedStore } from "@/lib/store";
import { closeMonthWhenReady } from "@/lib/reports/delegatedClose";
import { refreshInBackground } from "@/lib/budgets/refreshInBackground";
import { requireAllowed } from "./requireRole";

const Form = z.object({ month: Month, reason: z.string().max(2000).optional() });
// Closing on actual cost names who carries invoiced cost no usage was charged on.
const Basis = z.discriminatedUnion("basis", [
  z.object({ basis: z.literal("list") }),
  z.object({
    basis: z.literal("actual"),
    unmatched: z.string().trim().min(1, "say who carries invoiced cost with no usage: pro-rata or a cost center").max(200),
  }),
]);

const workspace = (month: string, error?: string) => `/close?month=${month}${error ? `&error=${encodeURIComponent(error)}` : ""}`;

/** Only finance closes and reopens months; each action checks the caller itself, and comes back to the month's close workspace. */
async function asFinance(form: FormData, act: (month: string, by: string, reason: string) => Promise<unknown>): Promise<never> {
  const caller = await requireAllowed("months:close", "/close");
  const parsed = Form.safeParse({ month: form.get("month"), reason: form.get("reason") ?? undefined });
  if (!parsed.success) redirect(`/close?error=${encodeURIComponent(firstIssue(parsed.error).message)}`);
  const { month, reason = "" } = parsed.data;
  try {
    await act(month, caller.name, reason);
  } catch (error) {
    if (error instanceof UserError) redirect(workspace(month, error.message));
    throw error;
  }
  // A close or reopen makes the stored reports stale (their stamp names the closes): they are built
  // again after the response, so the next view reads them, or waits for the part being built.
  after(() => refreshInBackground(getSharedStore(), month));
  redirect(workspace(month));
}

/** The checklist decides (lib/statements/closeWhenReady.ts); a second submit of the same close changes nothing. */
export async function closeMonthAction(form: FormData): Promise<void> {
  await asFinance(form, async (month, by) => {
    const parsed = Basis.safeParse({ basis: form.get("basis") ?? "list", unmatched: form.get("unmatched") ?? undefined });
    if (!parsed.success) throw new UserError(firstIssue(parsed.error).message);
    const basis =
      parsed.data.basis === "actual" ? { actual: parsed.data.unmatched === "pro-rata" ? ("pro-rata" as const) : { costCenter: parsed.data.unmatched } } : {};
    await closeMonthWhenReady(getSharedStore(), month, { by, acceptWarnings: form.get("acceptWarnings") === "yes", ...basis });
  });
}

export async function reopenMonthAction(form: FormData): Promise<void> {
  await asFinance(form, (month, by, reason) => reopenMonth(getSharedStore(), month, by, reason));
}
