"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CostCenter } from "@/lib/org/costCenters";
import { moveAppAction } from "./actions";
import { AppPicker } from "./AppPicker";
import type { ChangeState } from "./changeState";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";
import { useKeptForm } from "./useKeptForm";

/** Moves a mapped app, picked by name, to another cost center from a day on; a move into a closed month shows its corrections first. */
export function MoveForm({ costCenters }: { costCenters: readonly CostCenter[] }) {
  const [state, submit, pending] = useKeptForm<ChangeState>(moveAppAction, {});
  const v = state.values ?? {};
  return (
    <section aria-labelledby="move">
      <h2 id="move">Move an app</h2>
      <form onSubmit={submit} className="fields">
        {state.impactKey && <input type="hidden" name="impactKey" value={state.impactKey} />}
        <AppPicker name="app" label="App to move" defaultValue={v.app} />
        <label>
          To cost center
          <select name="target" required aria-label="Cost center to move it to" defaultValue={v.target ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {costCenters.map((c) => (
              <option key={`${c.costCenter}|${c.businessUnit}`} value={`${c.costCenter}|${c.businessUnit}`}>
                {c.costCenter} · {c.businessUnit}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" required defaultValue={v.from} aria-label="First day in the new cost center" />
        </label>
        <label>
          Reason
          <input name="reason" required minLength={3} maxLength={500} defaultValue={v.reason} aria-label="Reason for the move" />
        </label>
        <SubmitButton pending={pending} primary label={state.impact ? "Book corrections and move" : "Move"} pendingLabel="Moving…" />
      </form>
      <Problems problems={state.problems} intro="The app was not moved:" />
      {state.impact && <CorrectionsPreview impact={state.impact} what="This move" />}
    </section>
  );
}
