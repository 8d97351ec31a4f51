"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import { useActionState } from "react";
import { confirmField } from "@/lib/org/flagNewNames";
import { importMappings, type ImportState } from "./importAction";
import { CorrectionsPreview } from "./CorrectionsPreview";
import { Problems } from "./Problems";

/** Bulk CSV: preview what would change (and what is wrong, or new), then apply all of it or nothing. */
export function MappingImport() {
  const [state, action] = useActionState<ImportState, FormData>(importMappings, {});
  const counts: Record<string, number> = {};
  for (const x of state.changes ?? []) counts[x.change] = (counts[x.change] ?? 0) + 1;
  const previewed = state.csv !== undefined && !state.applied;
  return (
    <section aria-labelledby="import">
      <h2 id="import">Import a CSV</h2>
      <p className="sub">
        Same columns as <code>chargeback org import</code>:{" "}
        {/* In code, which wraps anywhere: the header has no space to wrap at, and would widen a phone's page. */}
        <code>appId,costCenter,businessUnit,validFrom[,validTo]</code>. Preview first; apply saves every row or none.
      </p>
      <form action={action} className="fields">
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required={!state.csv} />
        </label>
        {previewed && (
          <>
            <input type="hidden" name="csv" value={state.csv} />
            <input type="hidden" name="name" value={state.file} />
            {state.impactKey && <input type="hidden" name="impactKey" value={state.impactKey} />}
            <span className="hint">or apply {state.file} as previewed</span>
          </>
        )}
        {previewed && state.newNames && state.newNames.length > 0 && (
          <fieldset data-testid="new-names">
            <legend>New names in {state.file}: each creates a new unit or cost center</legend>
            {state.newNames.map((n) => (
              <label key={confirmField(n)} data-testid="new-name">
                <input type="checkbox" name={confirmField(n)} value="yes" />
                Create the new {n.kind} “{n.name}”{n.didYouMean && <span className="hint"> did you mean “{n.didYouMean}”?</span>}
              </label>
            ))}
          </fieldset>
        )}
        <SubmitButton name="intent" value="preview" label="Preview" pendingLabel="Previewing…" />
        <SubmitButton name="intent" value="apply" primary label="Apply" pendingLabel="Applying…" />
      </form>
      {state.applied && <p role="status">{state.applied}</p>}
      <Problems problems={state.problems} intro={`Nothing would be saved from ${state.file ?? "that file"}:`} />
      {previewed && state.impact && state.impact.length > 0 && <CorrectionsPreview impact={state.impact} what={`Importing ${state.file}`} />}
      {state.changes && !state.applied && (
        <table>
          <caption>
            Preview of {state.file}: {counts.added ?? 0} added, {counts.changed ?? 0} changed, {counts.unchanged ?? 0} unchanged
          </caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">From</th>
              <th scope="col">Change</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {state.changes.map((c) => (
              <tr key={`${c.appId}|${c.validFrom}`} data-testid="preview-row">
                <th scope="row">{c.appId}</th>
                <td>{c.validFrom}</td>
                <td>{c.change}</td>
                <td>{c.before ? `${c.before.costCenter} (${c.before.businessUnit}) to ${c.before.validTo ?? "open"}` : "—"}</td>
                <td>{`${c.after.costCenter} (${c.after.businessUnit}) to ${c.after.validTo ?? "open"}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
