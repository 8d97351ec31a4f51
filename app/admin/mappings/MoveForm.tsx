"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CostCenter } from "@/lib/org/costCenters";
import { moveAppAction } from "./actions";
import { AppPicker } from "./AppPicker";
import type { ChangeState } from "./changeState";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";
import { TargetFields } from "./TargetFields";
import { useKeptForm } from "./useKeptForm";

/** Moves a mapped app, picked by name, to another cost center from a day on; a move into a closed month shows its corrections first. */
export function MoveForm({ costCenters }: { costCenters: readonly CostCenter[] }) {
  const [state, submit, pending] = useKeptForm<ChangeState>(moveAppAction, {});
  const v = state.values ?? {};
  return (
    <section aria-labelledby="move">
      <h2 id="move">Move an app</h2>
      <form onSubmit={submit} className="fields">
        <AppPicker name="app" label="App to move" defaultValue={v.app} />
        <TargetFields
          costCenters={costCenters}
          impactKey={state.impactKey}
          target={{ label: "To cost center", ariaLabel: "Cost center to move it to", value: v.target }}
          from={{ name: "from", ariaLabel: "First day in the new cost center", value: v.from }}
        />
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
