"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import { useState } from "react";
import { endMapping } from "./actions";
import type { ChangeState } from "./changeState";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";
import { useKeptForm } from "./useKeptForm";

type Props = { mapping: { appId: string; validFrom: string; costCenter: string; businessUnit: string }; appName: string; today: string };

/** Ends an open mapping: the first click only asks (with the day it ends), the second ends it; a closed month's corrections are shown first. */
export function EndMappingForm({ mapping, appName, today }: Props) {
  const [asking, setAsking] = useState(false);
  const [state, submit, pending] = useKeptForm<ChangeState>(endMapping, {});
  if (!asking)
    return (
      <button type="button" aria-label={`End ${appName}'s mapping`} onClick={() => setAsking(true)}>
        End…
      </button>
    );
  return (
    <>
      <form onSubmit={submit} className="fields">
        <input type="hidden" name="appId" value={mapping.appId} />
        <input type="hidden" name="validFrom" value={mapping.validFrom} />
        {state.impactKey && <input type="hidden" name="impactKey" value={state.impactKey} />}
        <label>
          Unmapped from
          <input type="date" name="validTo" required defaultValue={state.values?.validTo ?? today} aria-label={`Day ${appName}'s mapping ends`} />
        </label>
        <span className="hint">
          End {appName}&apos;s mapping to {mapping.costCenter} ({mapping.businessUnit})? From that day its usage is unmapped.
        </span>
        <SubmitButton pending={pending} primary label={state.impact ? "Book corrections and end" : "End mapping"} pendingLabel="Ending…" />
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </form>
      <Problems problems={state.problems} intro={`${appName}'s mapping was not ended:`} />
      {state.impact && <CorrectionsPreview impact={state.impact} what="Ending this mapping" />}
    </>
  );
}
