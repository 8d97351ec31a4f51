import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { budgetsFor } from "../../../../lib/budgets/budgetsFor";
import { readBudget } from "../../../../lib/budgets/budgetsCsv";
import { BudgetRefused, changeBudgets } from "../../../../lib/budgets/changeBudgets";
import { currentMonth } from "../../../../lib/core/clock";
import { UserError } from "../../../../lib/core/errors";
import { Month } from "../../../../lib/core/months";
import { reportCurrency } from "../../../../lib/pricing/loadPricer";
import { getSharedStore } from "../../../../lib/store";
import { apiCaller, apiError, parseQuery } from "../../../_server/apiAccess";
import { actorOf } from "../../../_actions/requireRole";

export const dynamic = "force-dynamic";

const GetBudgetsQuery = z.object({ month: Month.optional() });
/** Budgets as the import's CSV cells: scope, amount, validFrom, and optionally the rest. */
const PostBudgetsBody = z.object({
  budgets: z.array(z.record(z.string(), z.string())).min(1, "name at least one budget").max(500, "at most 500 budgets at a time"),
  reason: z.string().max(500).default(""),
});

/** The budgets the caller may see, each with its actual cost, forecast and thresholds crossed in the month. */
export async function GET(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const query = parseQuery(request, GetBudgetsQuery);
  if (query instanceof NextResponse) return query;
  const status = await budgetsFor(getSharedStore(), caller, query.month ?? currentMonth());
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
}

/** Sets budgets all or nothing, audited: finance and admins any, an owner inside their own units (never raising the unit's own). */
export async function POST(request: NextRequest) {
  const caller = await apiCaller();
  if (caller instanceof NextResponse) return caller;
  const body = PostBudgetsBody.safeParse(await request.json().catch(() => null));
  if (!body.success) return apiError(400, "send JSON { budgets: [{ scope, amount, validFrom, … }], reason }");
  const currency = reportCurrency();
  const read = body.data.budgets.map((values) => readBudget(values, currency));
  const problems = read.flatMap((r, i) => ("problem" in r ? [`budget ${i + 1} (${body.data.budgets[i].scope ?? "no scope"}): ${r.problem}`] : []));
  if (problems.length > 0) return apiError(400, problems.join("; "));
  try {
    const summary = await changeBudgets(
      getSharedStore(),
      read.map((r) => ("budget" in r ? r.budget : null)).filter((b) => b !== null),
      caller,
      { actor: actorOf(caller), action: "budgets.save", reason: body.data.reason.trim() || "budgets API" },
      { supersede: true },
    );
    return NextResponse.json(summary, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof UserError) return apiError(error instanceof BudgetRefused ? 403 : 409, error.message.replace(/\n\s*/g, " "));
    throw error;
  }
}
