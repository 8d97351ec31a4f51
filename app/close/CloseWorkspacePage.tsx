import { InvalidMonthNote, type MonthNote } from "@/app/_components/InvalidMonthNote";
import "server-only";
import { now } from "../../lib/core/clock";
import { LedgerReader } from "../../lib/ledger/ledgerReader";
import { type CheckStatus, getCloseChecklist } from "../../lib/statements/closeChecklist";
import { canReopen } from "../../lib/statements/closeMonth";
import { issuedStatements } from "../../lib/statements/issuedStatements";
import { getSharedStore } from "../../lib/store";
import { MonthNav } from "../_components/MonthNav";
import { reopenMonthAction } from "../_actions/monthActions";
import { CloseForm } from "./CloseForm";
import { IssuedStatements } from "./IssuedStatements";
import { SubmitButton } from "@/app/_components/SubmitButton";
import type { CloseReview } from "./closeReview";

/** `review`: the close's choices when the address asks for its confirmation. */
type Props = { month: string; monthNote: MonthNote; error?: string; review?: CloseReview | null };

const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`;
const BADGE: Record<CheckStatus, string> = { pass: "Pass", warn: "Warning", block: "Blocks the close" };

export async function CloseWorkspacePage({ month, monthNote, error, review = null }: Props) {
  const store = getSharedStore();
  const closedMonths = await store.listClosedMonths();
  const closed = closedMonths.find((c) => c.month === month) ?? null;
  return (
    <>
      <h1>Close {month}</h1>
      <p className="sub">
        Closing freezes each business unit&apos;s statement for {month}; later fixes to its usage, mappings or prices are booked as corrections in the next open
        month. Months close in order.
      </p>
      <InvalidMonthNote note={monthNote} month={month} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <MonthNav month={month} path="/close" />
      {closed ? (
        <>
          <section className="status closed" aria-label="Month status">
            <p data-testid="month-status">
              {month} was closed {when(closed.closedAt)} by {closed.closedBy}: its statements are frozen.
            </p>
            {canReopen(closedMonths, month) ? (
              <form action={reopenMonthAction} className="fields">
                <input type="hidden" name="month" value={month} />
                <label>
                  Reason to reopen
                  <textarea name="reason" required minLength={10} rows={2} />
                </label>
                <SubmitButton label={`Reopen ${month}`} pendingLabel={`Reopening ${month}…`} />
              </form>
            ) : (
              <p className="hint">Only the latest closed month can be reopened: a later statement may hold corrections to this one.</p>
            )}
          </section>
          <IssuedStatements month={month} statements={await issuedStatements(store, month)} />
        </>
      ) : (
        <Checklist month={month} review={review} />
      )}
    </>
  );
}

async function Checklist({ month, review }: { month: string; review: CloseReview | null }) {
  const store = getSharedStore();
  const checklist = await getCloseChecklist(new LedgerReader(store), store, month, now());
  return (
    <>
      <table className="checklist">
        <caption>Ready to close?</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Status</th>
            <th scope="col">Now</th>
            <th scope="col">What it means</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {checklist.checks.map((c) => (
            <tr key={c.id} data-testid={`check-${c.id}`} data-status={c.status}>
              <th scope="row">{c.label}</th>
              <td>
                <span className={`badge ${c.status}`}>{BADGE[c.status]}</span>
              </td>
              <td>{c.figure}</td>
              <td>{c.detail}</td>
              <td>{c.fix ? <a href={c.fix.href}>{c.fix.label}</a> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {checklist.blocked ? (
        <p className="note" data-testid="close-blocked">
          {month} cannot be closed until every blocking check passes.
        </p>
      ) : (
        <CloseForm month={month} warnings={checklist.warnings} frozen={checklist.frozen} review={review} />
      )}
    </>
  );
}
