"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CostCenter } from "@/lib/org/costCenters";
import { assignApp } from "./actions";
import type { ChangeState } from "./changeState";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";
import { TargetFields } from "./TargetFields";
import { useKeptForm } from "./useKeptForm";

type Props = { app: { appId: string; appName: string; firstDay: string }; costCenters: readonly CostCenter[]; suggestion: string | null };

/**
 * One unmapped app's row form: nothing is chosen until the person chooses (a preselected cost
 * center misbooks an app with one click); choose, Assign, and, when it reaches a closed month,
 * confirm the corrections shown.
 */
export function AssignForm({ app, costCenters, suggestion }: Props) {
  const [state, submit, pending] = useKeptForm<ChangeState>(assignApp, {});
  return (
    <>
      <form onSubmit={submit} className="fields">
        <input type="hidden" name="appId" value={app.appId} />
        <TargetFields
          costCenters={costCenters}
          impactKey={state.impactKey}
          target={{
            label: "Cost center",
            ariaLabel: `Cost center for ${app.appName}`,
            value: state.values?.target,
            hint: suggestion && (
              <span className="hint" data-testid="suggestion">
                suggested: {suggestion}
              </span>
            ),
          }}
          from={{ name: "validFrom", ariaLabel: `From which day ${app.appName} is charged`, value: state.values?.validFrom ?? app.firstDay }}
        />
        <SubmitButton
          pending={pending}
          label={state.impact ? "Book corrections and assign" : "Assign"}
          pendingLabel="Assigning…"
          ariaLabel={state.impact ? `Book the corrections and assign ${app.appName}` : `Assign ${app.appName}`}
        />
      </form>
      <Problems problems={state.problems} intro={`${app.appName} was not assigned:`} />
      {state.impact && <CorrectionsPreview impact={state.impact} what={`Assigning ${app.appName}`} />}
    </>
  );
}
