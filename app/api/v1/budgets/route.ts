import { z } from "zod";
import { budgetsFor } from "@/lib/budgets/budgetsFor";
import { readBudget } from "@/lib/budgets/budgetsCsv";
import { changeBudgets } from "@/lib/budgets/changeBudgets";
import { currentMonth } from "@/lib/core/clock";
import { Conflict, UserError } from "@/lib/core/errors";
import { Month } from "@/lib/core/months";
import { reportCurrency } from "@/lib/pricing/loadPricer";
import { getSharedStore } from "@/lib/store";
import { jsonResponse } from "@/app/_server/apiAccess";
import { defineRoute } from "@/app/_server/defineRoute";
import { actorOf } from "@/app/_actions/requireRole";

export const dynamic = "force-dynamic";

/** Budgets as the import's CSV cells: scope, amount, validFrom, and optionally the rest. */
const PostBudgetsBody = z.object(
  {
    budgets: z.array(z.record(z.string(), z.string())).min(1, "name at least one budget").max(500, "at most 500 budgets at a time"),
    reason: z.string().max(500).default(""),
  },
  { error: "send JSON { budgets: [{ scope, amount, validFrom, … }], reason }" },
);

/** The budgets the caller may see, each with its actual cost, forecast and thresholds crossed in the month. */
export const GET = defineRoute({
  access: "signed-in",
  query: z.object({ month: Month.optional() }),
  handle: async ({ caller, query }) => jsonResponse(await budgetsFor(getSharedStore(), caller, query.month ?? currentMonth())),
});

/** Sets budgets all or nothing, audited: finance and admins any, an owner inside their own units (never raising the unit's own). */
export const POST = defineRoute({
  access: "signed-in",
  body: PostBudgetsBody,
  handle: async ({ caller, body }) => {
    const currency = reportCurrency();
    const read = body.budgets.map((values) => readBudget(values, currency));
    const problems = read.flatMap((r, i) => ("problem" in r ? [`budget ${i + 1} (${body.budgets[i]?.scope ?? "no scope"}): ${r.problem}`] : []));
    if (problems.length > 0) throw new UserError(problems.join("; "));
    try {
      const summary = await changeBudgets(
        getSharedStore(),
        read.map((r) => ("budget" in r ? r.budget : null)).filter((b) => b !== null),
        caller,
        { actor: actorOf(caller), action: "budgets.save", reason: body.reason.trim() || "budgets API" },
        { supersede: true },
      );
      return jsonResponse(summary);
    } catch (error) {
      // Refused by role stays a 403; anything else wrong with valid budgets (an overlap) is a conflict with what is saved.
      if (error instanceof UserError && error.code === "invalid_input") throw new Conflict(error.message.replace(/\n\s*/g, " "));
      throw error;
    }
  },
});
