"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "../../lib/errors";
import { Month } from "../../lib/reports/month";
import { closeMonth, reopenMonth } from "../../lib/statements/closeMonth";
import { getSharedStore } from "../../lib/store";
import { requireAllowed } from "./requireRole";

const Form = z.object({ month: Month, reason: z.string().max(2000).optional() });

/** Only finance closes and reopens months; each action checks the caller itself. */
async function asFinance(form: FormData, act: (month: string, by: string, reason: string) => Promise<unknown>): Promise<never> {
  const caller = await requireAllowed("months:close", "/");
  const parsed = Form.safeParse({ month: form.get("month"), reason: form.get("reason") ?? undefined });
  if (!parsed.success) redirect(`/?error=${encodeURIComponent(parsed.error.issues[0].message)}`);
  const { month, reason = "" } = parsed.data;
  try {
    await act(month, caller.name, reason);
  } catch (error) {
    if (error instanceof UserError) redirect(`/?month=${month}&error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`/?month=${month}`);
}

export async function closeMonthAction(form: FormData): Promise<void> {
  await asFinance(form, (month, by) => closeMonth(getSharedStore(), month, by));
}

export async function reopenMonthAction(form: FormData): Promise<void> {
  await asFinance(form, (month, by, reason) => reopenMonth(getSharedStore(), month, by, reason));
}
