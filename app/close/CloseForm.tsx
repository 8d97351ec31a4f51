"use client";

import Form from "next/form";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import type { FrozenTotals } from "../../lib/statements/closeChecklist";
import { closeMonthAction } from "../_actions/monthActions";
import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CloseReview } from "./closeReview";

type Props = { month: string; warnings: number; frozen: FrozenTotals; review: CloseReview | null };

const BASIS = { list: "computed cost (list prices, discounts)", actual: "actual cost (the imported Azure invoice, with a true-up per app)" } as const;

/**
 * The close itself, in two steps: choose the basis and accept the warnings, then confirm on the
 * totals that will freeze. The first step is a plain form to this page (`step=review`): its fields
 * count as the browser holds them, so a box ticked or a review asked before the page's script ran
 * is not lost, and the server renders the confirmation. Once the page runs, the review is shown
 * here from the same fields, without asking the server to build the page again (seconds after a
 * change, while the month's figures are rebuilt). The server checks everything again at the close,
 * and a repeated submit is harmless.
 */
export function CloseForm({ month, warnings, frozen, review }: Props) {
  // The review shown in the page, and whether its confirmation is open (Cancel keeps its choices).
  const [local, setLocal] = useState<{ review: CloseReview; confirming: boolean } | null>(null);
  const shown = local ? (local.confirming ? local.review : null) : review;
  const choices = local?.review ?? review;
  const accepted = warnings === 0 || shown?.acceptWarnings === true;
  if (shown && accepted) {
    const cancel = local ? () => setLocal({ ...local, confirming: false }) : undefined;
    return <Confirmation month={month} warnings={warnings} frozen={frozen} review={shown} onCancel={cancel} />;
  }
  // The browser has checked the fields (an unaccepted warning's box is required) before this runs.
  const reviewHere = (event: FormEvent<HTMLFormElement>) => {
    const fields = new FormData(event.currentTarget);
    const basis = fields.get("basis") === "actual" ? "actual" : "list";
    event.preventDefault();
    setLocal({
      review: { basis, unmatched: String(fields.get("unmatched") ?? "pro-rata"), acceptWarnings: fields.get("acceptWarnings") === "yes" },
      confirming: true,
    });
  };
  return (
    <Form action="/close" scroll={false} className="close-form" aria-label={`Close ${month}`} onSubmit={reviewHere}>
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="step" value="review" />
      <div className="fields">
        <label>
          Close on
          <select name="basis" defaultValue={choices?.basis ?? "list"}>
            <option value="list">{BASIS.list}</option>
            <option value="actual">{BASIS.actual}</option>
          </select>
        </label>
        <label>
          Invoiced cost with no usage goes to
          <input name="unmatched" defaultValue={choices?.unmatched ?? "pro-rata"} aria-describedby="unmatched-hint" />
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
      {review && (
        <p className="error" role="alert">
          Accept the warnings above to review the close.
        </p>
      )}
      <p>
        {/* The browser says what is missing (an unaccepted warning) before the review is asked. */}
        <button type="submit" className="primary">
          Review and close {month}…
        </button>
      </p>
    </Form>
  );
}

/**
 * The totals that will freeze, and the close on the choices reviewed (sent again, for the server to
 * check). `onCancel`: the review was shown in the page, and Cancel goes back to its form as it was.
 */
function Confirmation({ month, warnings, frozen, review, onCancel }: Omit<Props, "review"> & { review: CloseReview; onCancel?: () => void }) {
  const money = (amount: string) => `${amount} ${frozen.currency}`;
  const back = new URLSearchParams({ month, basis: review.basis, unmatched: review.unmatched });
  return (
    <form action={closeMonthAction} className="close-form" aria-label={`Close ${month}`}>
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="basis" value={review.basis} />
      <input type="hidden" name="unmatched" value={review.unmatched} />
      {review.acceptWarnings && <input type="hidden" name="acceptWarnings" value="yes" />}
      <section className="confirm" aria-labelledby="confirm-heading">
        <h2 id="confirm-heading" tabIndex={-1} ref={(h) => h?.focus()}>
          Closing freezes these totals
        </h2>
        <p data-testid="close-choices">
          On {BASIS[review.basis]}
          {review.basis === "actual" && `; invoiced cost with no usage goes to ${review.unmatched}`}
          {warnings > 0 && `; with the ${warnings} warning${warnings === 1 ? "" : "s"} above accepted`}.
        </p>
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
          {onCancel ? (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          ) : (
            <Link href={`/close?${back}`} scroll={false}>
              Cancel
            </Link>
          )}
        </p>
      </section>
    </form>
  );
}
