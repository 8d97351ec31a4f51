"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CostCenter } from "@/lib/org/costCenters";
import { assignApp } from "./actions";
import type { ChangeState } from "./changeState";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";
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
        {state.impactKey && <input type="hidden" name="impactKey" value={state.impactKey} />}
        <label>
          Cost center
          <select name="target" required aria-label={`Cost center for ${app.appName}`} defaultValue={state.values?.target ?? ""}>
            <option value="" disabled>
              Choose…
            </option>
            {costCenters.map((c) => (
              <option key={`${c.costCenter}|${c.businessUnit}`} value={`${c.costCenter}|${c.businessUnit}`}>
                {c.costCenter} · {c.businessUnit}
              </option>
            ))}
          </select>
          {suggestion && (
            <span className="hint" data-testid="suggestion">
              suggested: {suggestion}
            </span>
          )}
        </label>
        <label>
          From
          <input
            type="date"
            name="validFrom"
            defaultValue={state.values?.validFrom ?? app.firstDay}
            required
            aria-label={`From which day ${app.appName} is charged`}
          />
        </label>
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
