import { after } from "next/server";
import { z } from "zod";
import { Conflict, firstIssue, UserError } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { closeMonthWhenReady } from "@/lib/reports/delegatedClose";
import { getSharedStore } from "@/lib/store";
import { refreshInBackground } from "@/lib/budgets/refreshInBackground";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";

export const dynamic = "force-dynamic";

const PostCloseBody = z.object(
  {
    acceptWarnings: z.boolean({ error: "acceptWarnings must be true or false" }).default(false),
    /** Close on actual cost: who carries invoiced cost no usage was charged on ("pro-rata" or a cost center). */
    actual: z.string({ error: "actual names pro-rata or a cost center" }).trim().min(1, "actual names pro-rata or a cost center").max(200).optional(),
  },
  { error: 'send a JSON object such as {"acceptWarnings": true}' },
);

/**
 * Closes the month as `chargeback month close` does: the checklist decides (409 with what blocks
 * or which warnings to accept). Repeating a close answers 200 with the first one
 * (`alreadyClosed: true`), so a retried request is harmless. Finance only.
 */
export const POST = defineRoute({
  access: { may: "months:close", refused: "only finance closes months" },
  params: z.object({ month: Month }),
  handle: async ({ request, caller, params: { month } }) => {
    // An empty body is a plain close: nothing to accept.
    const body = PostCloseBody.safeParse(await request.json().catch(() => ({})));
    if (!body.success) throw new UserError(firstIssue(body.error).message);
    const { acceptWarnings, actual } = body.data;
    const basis = actual === undefined ? {} : { actual: actual === "pro-rata" ? ("pro-rata" as const) : { costCenter: actual } };
    try {
      const outcome = await closeMonthWhenReady(getSharedStore(), month, { by: caller.name, acceptWarnings, ...basis });
      // The month's stored reports (and the other months', whose stamp names the closes) are built after the response.
      if (!outcome.alreadyClosed) after(() => refreshInBackground(getSharedStore(), month));
      return jsonResponse({ ...outcome.closed, closedAt: new Date(outcome.closed.closedAt).toISOString(), alreadyClosed: outcome.alreadyClosed });
    } catch (error) {
      // What the checklist refuses is the month's state, not the request's form.
      if (error instanceof UserError && error.code === "invalid_input") throw new Conflict(error.message);
      throw error;
    }
  },
});
