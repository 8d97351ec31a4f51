"use client";

import { useRef, useState } from "react";
import type { FrozenTotals } from "../../lib/statements/closeChecklist";
import { closeMonthAction } from "../_actions/monthActions";
import { SubmitButton } from "@/app/_components/SubmitButton";

type Props = { month: string; warnings: number; frozen: FrozenTotals };

/**
 * The close itself, in two steps: choose the basis and accept the warnings, then confirm on the
 * totals that will freeze. The server checks everything again, and a repeated submit is harmless.
 */
export function CloseForm({ month, warnings, frozen }: Props) {
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const review = () => {
    // The browser says what is missing (an unaccepted warning) before the confirmation opens.
    if (form.current?.reportValidity()) setConfirming(true);
  };
  const money = (amount: string) => `${amount} ${frozen.currency}`;
  return (
    <form action={closeMonthAction} ref={form} className="close-form" aria-label={`Close ${month}`}>
      <input type="hidden" name="month" value={month} />
      <div className="fields">
        <label>
          Close on
          <select name="basis" defaultValue="list">
            <option value="list">computed cost (list prices, discounts)</option>
            <option value="actual">actual cost (the imported Azure invoice, with a true-up per app)</option>
          </select>
        </label>
        <label>
          Invoiced cost with no usage goes to
          <input name="unmatched" defaultValue="pro-rata" aria-describedby="unmatched-hint" />
          <span id="unmatched-hint" className="hint">
            pro-rata, or a cost center (actual cost only)
          </span>
        </label>
      </div>
      {warnings > 0 && (
        <label className="accept">
          <input type="checkbox" name="acceptWarnings" value="yes" required />I have read the {warnings} warning{warnings === 1 ? "" : "s"} above and close{" "}
          {month} with them
        </label>
      )}
      {!confirming ? (
        <p>
          <button type="button" className="primary" onClick={review}>
            Review and close {month}…
          </button>
        </p>
      ) : (
        <section className="confirm" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading" tabIndex={-1} ref={(h) => h?.focus()}>
            Closing freezes these totals
          </h2>
          <table>
            <caption className="visually-hidden">Totals to freeze</caption>
            <tbody>
              {frozen.units.map((u) => (
                <tr key={u.businessUnit}>
                  <th scope="row">{u.businessUnit}</th>
                  <td className="num">{money(u.cost)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Unmapped</th>
                <td className="num">{money(frozen.unmapped)}</td>
              </tr>
              {frozen.corrections !== "0.00" && (
                <tr>
                  <th scope="row">of which corrections to earlier months</th>
                  <td className="num">{money(frozen.corrections)}</td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num" data-testid="frozen-total">
                  {money(frozen.total)}
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="hint">On actual cost, true-up lines then bring each app to its share of the invoice.</p>
          <p>
            <SubmitButton label={`Close ${month}`} pendingLabel={`Closing ${month}…`} primary />{" "}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </section>
      )}
    </form>
  );
}
