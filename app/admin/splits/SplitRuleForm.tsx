"use client";

import { SubmitButton } from "@/app/_components/SubmitButton";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { findApps } from "@/app/admin/mappings/actions";
import { CorrectionsPreview } from "@/app/admin/mappings/CorrectionsPreview";
import { previewOrApplySplit, type SplitFormState } from "./actions";

type Props = { costCenters: { value: string; label: string }[]; deployments: string[]; month: string; today: string };
const ROWS = [1, 2, 3, 4, 5, 6];

/** A new rule (or a new version of one, by its id): preview this month before and after, then apply. */
export function SplitRuleForm({ costCenters, deployments, month, today }: Props) {
  const [state, action, pending] = useActionState<SplitFormState, FormData>(previewOrApplySplit, {});
  // Apps are searched by name as the person types (the server lists the matches, with their ids).
  // Which button was pressed: only that one says it is working.
  const [intent, setIntent] = useState("");
  const [apps, setApps] = useState<{ appId: string; name: string }[]>([]);
  const search = (typed: string) => {
    if (typed.trim().length >= 2) startTransition(async () => setApps(await findApps(typed)));
  };
  const p = state.preview;
  // Submitted by hand, not through the form's action: React resets a form after its action, and
  // a preview must leave the rule in the form to be adjusted or applied.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    setIntent(String(data.get("intent")));
    startTransition(() => action(data));
  };
  return (
    <section aria-labelledby="new-rule">
      <h2 id="new-rule">New split rule</h2>
      <p className="sub">
        Split an app, a deployment or a fixed monthly overhead across cost centers: by fixed percentages (summing to 100), evenly, or in proportion to a share
        (tokens or cost of each cost center&apos;s own apps, or tokens per value of a tag). Saving a rule with an existing id replaces it.
      </p>
      <form onSubmit={submit} className="fields">
        <label>
          Rule id
          <input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" aria-label="Rule id" />
        </label>
        <label>
          Splits
          <select name="target" aria-label="What the rule splits" defaultValue="app">
            <option value="app">an app</option>
            <option value="deployment">a deployment</option>
            <option value="overhead">a monthly overhead (amount)</option>
          </select>
        </label>
        <label>
          App, deployment or amount per month
          <input
            name="targetValue"
            list="split-targets"
            required
            autoComplete="off"
            placeholder="an app's name, a deployment or an amount"
            aria-label="App, deployment or amount"
            onChange={(e) => search(e.currentTarget.value)}
          />
          <datalist id="split-targets">
            {apps.map((a) => (
              <option key={a.appId} value={a.name}>
                {a.appId}
              </option>
            ))}
            {deployments.map((d) => (
              <option key={d} value={d}>
                deployment
              </option>
            ))}
          </datalist>
        </label>
        <label>
          Method
          <select name="method" aria-label="Split method" defaultValue="fixed">
            <option value="fixed">fixed percentages</option>
            <option value="even">evenly</option>
            <option value="share">by measured share</option>
          </select>
        </label>
        <label>
          Share basis
          <input name="basis" placeholder="tokens, cost or tag:<key>" aria-label="Share basis" />
        </label>
        <label>
          From
          <input type="date" name="validFrom" required defaultValue={today} aria-label="Valid from" />
        </label>
        <label>
          Until (exclusive)
          <input type="date" name="validTo" aria-label="Valid until" />
        </label>
        <fieldset>
          <legend>Cost centers</legend>
          {ROWS.map((i) => (
            <div key={i} className="fields">
              <label>
                Cost center {i}
                <select name={`target${i}`} aria-label={`Cost center ${i}`} defaultValue="">
                  <option value="">—</option>
                  {costCenters.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Percent
                <input name={`percent${i}`} inputMode="decimal" aria-label={`Percent ${i}`} />
              </label>
              <label>
                Tag value
                <input name={`tagValue${i}`} aria-label={`Tag value ${i}`} />
              </label>
            </div>
          ))}
        </fieldset>
        <label>
          Reason
          <input name="reason" aria-label="Reason for the rule" />
        </label>
        <SubmitButton
          pending={pending}
          name="intent"
          value="preview"
          label={`Preview ${month}`}
          pendingLabel={intent === "preview" ? `Previewing ${month}…` : `Preview ${month}`}
        />
        {state.impactKey && <input type="hidden" name="impactKey" value={state.impactKey} />}
        <SubmitButton
          pending={pending}
          name="intent"
          value="apply"
          primary
          label={state.impact && state.impact.length > 0 ? "Book corrections and apply" : "Apply"}
          pendingLabel={intent === "apply" ? "Applying…" : "Apply"}
        />
      </form>
      {state.applied && <p role="status">{state.applied}</p>}
      {state.problems && state.problems.length > 0 && (
        <div role="alert" className="error">
          <p>The rule was not saved:</p>
          <ul>
            {state.problems.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      )}
      {state.impact && state.impact.length > 0 && <CorrectionsPreview impact={state.impact} what="This rule" />}
      {p && (
        <table>
          <caption>
            {p.month} with this rule: {p.currency} {p.totalBefore} before, {p.totalAfter} after ({p.rows.length} lines change)
          </caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Business unit</th>
              <th scope="col">Cost center</th>
              <th scope="col">Rule</th>
              <th scope="col" className="num">
                Before
              </th>
              <th scope="col" className="num">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 && (
              <tr>
                <td colSpan={6}>Nothing this month would change.</td>
              </tr>
            )}
            {p.rows.map((r) => (
              <tr key={`${r.businessUnit}|${r.costCenter}|${r.appId}|${r.rule}`} data-testid="split-preview-row">
                <th scope="row">{r.appName}</th>
                <td>{r.businessUnit || (r.rule ? "unallocated" : "unmapped")}</td>
                <td>{r.costCenter || "—"}</td>
                <td>{r.rule || "mapping"}</td>
                <td className="num">{r.before}</td>
                <td className="num">{r.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
