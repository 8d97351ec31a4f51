"use client";

import { useActionState } from "react";
import { importMappings, type ImportState } from "./actions";

/** Bulk CSV: preview what would change (and what is wrong), then apply all of it or nothing. */
export function MappingImport() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importMappings, {});
  const counts: Record<string, number> = {};
  for (const x of state.changes ?? []) counts[x.change] = (counts[x.change] ?? 0) + 1;
  return (
    <section aria-labelledby="import">
      <h2 id="import">Import a CSV</h2>
      <p className="sub">
        Same columns as <code>chargeback org import</code>: appId,costCenter,businessUnit,validFrom[,validTo]. Preview first; apply saves every row or none.
      </p>
      <form action={action} className="fields">
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required={!state.csv} />
        </label>
        {state.csv && !state.applied && (
          <>
            <input type="hidden" name="csv" value={state.csv} />
            <input type="hidden" name="name" value={state.file} />
            <span className="hint">or apply {state.file} as previewed</span>
          </>
        )}
        <button type="submit" name="intent" value="preview" disabled={pending}>
          Preview
        </button>
        <button type="submit" name="intent" value="apply" className="primary" disabled={pending}>
          Apply
        </button>
      </form>
      {state.applied && <p role="status">{state.applied}</p>}
      {state.problems && state.problems.length > 0 && (
        <div role="alert" className="error">
          <p>Nothing would be saved from {state.file ?? "that file"}:</p>
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {state.changes && !state.applied && (
        <table>
          <caption>
            Preview of {state.file}: {counts?.added ?? 0} added, {counts?.changed ?? 0} changed, {counts?.unchanged ?? 0} unchanged
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
