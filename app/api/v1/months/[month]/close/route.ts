import { NextResponse } from "next/server";
import { z } from "zod";
import { may } from "../../../../../../lib/auth/access";
import { now } from "../../../../../../lib/core/clock";
import { UserError } from "../../../../../../lib/core/errors";
import { Month } from "../../../../../../lib/core/months";
import { closeWhenReady } from "../../../../../../lib/statements/closeWhenReady";
import { getSharedStore } from "../../../../../../lib/store";
import { apiCaller, apiError } from "../../../../../_server/apiAccess";

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
export async function POST(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  if (!may(caller, "months:close")) return apiError(403, "only finance closes months");
  const month = Month.safeParse((await params).month);
  if (!month.success) return apiError(400, "month must be YYYY-MM");
  const body = PostCloseBody.safeParse(await request.json().catch(() => ({})));
  if (!body.success) return apiError(400, body.error.issues[0].message);
  const { acceptWarnings, actual } = body.data;
  try {
    const basis = actual === undefined ? {} : { actual: actual === "pro-rata" ? ("pro-rata" as const) : { costCenter: actual } };
    const outcome = await closeWhenReady(getSharedStore(), month.data, { by: caller.name, acceptWarnings, ...basis }, now());
    return NextResponse.json(
      { ...outcome.closed, closedAt: new Date(outcome.closed.closedAt).toISOString(), alreadyClosed: outcome.alreadyClosed },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    if (error instanceof UserError) return apiError(409, error.message);
    throw error;
  }
}
