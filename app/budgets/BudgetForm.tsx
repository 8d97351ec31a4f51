"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/SubmitButton";
import { saveBudget, type BudgetFormState } from "./actions";

type Values = { scope: string; amount: string; validFrom: string; validTo: string; thresholds: string; notify: string; hard: boolean };
type Props = { currency: string; ownedUnits: string[]; mayEditAny: boolean; initial: Values };

/** Sets a budget, or a new version of one (same scope and start). The server decides what the caller may set. */
export function BudgetForm({ currency, ownedUnits, mayEditAny, initial }: Props) {
  const [state, action] = useActionState<BudgetFormState, FormData>(saveBudget, {});
  return (
    <section aria-labelledby="set-budget">
      <h2 id="set-budget">{initial.scope ? `Change the budget of ${initial.scope}` : "Set a budget"}</h2>
      <p className="sub">
        A monthly amount in {currency} for <code>business-unit:&lt;name&gt;</code>, <code>cost-center:&lt;id&gt;</code>, <code>app:&lt;appId&gt;</code> or{" "}
        <code>tag:&lt;key&gt;=&lt;value&gt;</code>, from the first of a month.{" "}
        {mayEditAny
          ? "You may set any budget."
          : `You may set budgets of the apps and cost centers of ${ownedUnits.join(", ") || "your units"}, and lower (never raise) the unit's own.`}
      </p>
      <form action={action} className="fields">
        <label>
          Scope
          <input name="scope" required defaultValue={initial.scope} placeholder="business-unit:Retail" />
        </label>
        <label>
          Amount per month ({currency})
          <input name="amount" required inputMode="decimal" defaultValue={initial.amount} />
        </label>
        <label>
          From (first of a month)
          <input type="date" name="validFrom" required defaultValue={initial.validFrom} />
        </label>
        <label>
          Until (exclusive, first of a month)
          <input type="date" name="validTo" defaultValue={initial.validTo} />
        </label>
        <label>
          Thresholds
          <input name="thresholds" defaultValue={initial.thresholds} placeholder="50;80;100;forecast:100" />
        </label>
        <label>
          Notify
          <input name="notify" defaultValue={initial.notify} placeholder="ops@example.com;webhook:finops" />
        </label>
        <label>
          <input type="checkbox" name="hard" defaultChecked={initial.hard} /> Hard limit (the gateway refuses calls once reached)
        </label>
        <label>
          Reason
          <input name="reason" />
        </label>
        <SubmitButton label="Save budget" pendingLabel="Saving budget…" primary />
      </form>
      {state.saved && <p role="status">{state.saved}</p>}
      {state.problems && state.problems.length > 0 && (
        <div role="alert" className="error">
          <p>The budget was not saved:</p>
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
