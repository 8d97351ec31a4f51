"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { readBudget } from "../../lib/budgets/budgetsCsv";
import { changeBudgets } from "../../lib/budgets/changeBudgets";
import { UserError } from "../../lib/core/errors";
import { reportCurrency } from "../../lib/pricing/loadPricer";
import { getSharedStore } from "../../lib/store";
import { currentCaller } from "../_server/currentCaller";
import { actorOf } from "../_actions/requireRole";

export type BudgetFormState = { saved?: string; problems?: string[] };

/** Sets one budget, audited: the role rules (lib/budgets/budgetEditor.ts) are checked here, on the server, whatever the form allowed. */
export async function saveBudget(_previous: BudgetFormState, form: FormData): Promise<BudgetFormState> {
  const caller = await currentCaller();
  if (!caller) redirect("/signin?next=%2Fbudgets");
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const read = readBudget(
    {
      scope: text("scope"),
      amount: text("amount"),
      validFrom: text("validFrom"),
      validTo: text("validTo"),
      thresholds: text("thresholds"),
      notify: text("notify"),
      hard: form.get("hard") === "on" ? "true" : "false",
    },
    reportCurrency(),
  );
  if ("problem" in read) return { problems: [read.problem] };
  try {
    const summary = await changeBudgets(
      getSharedStore(),
      [read.budget],
      caller,
      {
        actor: actorOf(caller),
        action: "budgets.save",
        reason: text("reason") || `budget ${read.budget.scope} from the budgets page`,
      },
      { supersede: true },
    );
    revalidatePath("/budgets");
    return { saved: `Saved the budget of ${read.budget.scope}: ${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged.` };
  } catch (error) {
    if (error instanceof UserError)
      return {
        problems: error.message
          .split("\n")
          .slice(1)
          .map((l) => l.trim())
          .filter(Boolean),
      };
    throw error;
  }
}
