import "server-only";
import { type Caller, seesEveryUnit } from "../../lib/auth/access";
import { mayEditAnyBudget } from "../../lib/budgets/budgetEditor";
import { budgetsFor } from "../../lib/budgets/budgetsFor";
import { thresholdsText } from "../../lib/budgets/budgetsCsv";
import { reportCurrency } from "../../lib/pricing/loadPricer";
import { formatMoney } from "../../lib/reports/formatMoney";
import { getSharedStore } from "../../lib/store";
import { MonthNav } from "../_components/MonthNav";
import { BudgetForm } from "./BudgetForm";

type Props = { caller: Caller; month: string; invalidMonth: boolean; edit?: string };

const describeCrossed = (crossed: { percent: number; basis: string }[]) =>
  crossed.length === 0 ? "none" : crossed.map((t) => (t.basis === "forecast" ? `${t.percent} % forecast` : `${t.percent} %`)).join(", ");

/** Budgets with their month: finance and admins see and set all; an owner those of their own units. */
export async function BudgetsPage({ caller, month, invalidMonth, edit }: Props) {
  const store = getSharedStore();
  const [status, budgets] = await Promise.all([budgetsFor(store, caller, month), store.listBudgets()]);
  const editing = edit ? status.find((s) => `${s.scope}|${s.validFrom}` === edit) : undefined;
  const stored = editing && budgets.find((b) => b.scope === editing.scope && b.validFrom === editing.validFrom);
  const any = mayEditAnyBudget(caller);
  const money = (amount: string, currency: string) => formatMoney(amount, currency);
  return (
    <>
      <h1>Budgets for {month}</h1>
      <p className="sub">
        {seesEveryUnit(caller) ? "Every budget" : `Budgets of ${caller.ownedUnits.join(", ") || "no business unit"}`}: the month&apos;s cost as the chargeback
        report counts it, the month-end forecast (usage by weekday, fees and corrections left out) with its 90 % range, and the thresholds crossed. Also{" "}
        <code>chargeback budgets import | export | list | status</code>.
      </p>
      {invalidMonth && (
        <p role="alert" className="error">
          That month is not YYYY-MM: showing {month}.
        </p>
      )}
      <MonthNav month={month} path="/budgets" />
      <table>
        <caption>Budgets in effect in {month}</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col" className="num">
              Budget
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              Forecast (90 % range)
            </th>
            <th scope="col">Thresholds crossed</th>
            <th scope="col">Hard limit</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {status.length === 0 && (
            <tr>
              <td colSpan={7}>No budget in effect this month.</td>
            </tr>
          )}
          {status.map((s) => (
            <tr key={s.scope} data-testid="budget-row">
              <th scope="row">{s.scope}</th>
              <td className="num">{money(s.amount, s.currency)}</td>
              <td className="num">
                {money(s.actual, s.currency)} ({s.actualPercent} %)
              </td>
              <td className="num">
                {s.forecast
                  ? `${money(s.forecast.cost, s.currency)} (${s.forecast.percent} %), ${money(s.forecast.low, s.currency)}–${money(s.forecast.high, s.currency)}`
                  : "—"}
              </td>
              <td>{describeCrossed(s.crossed)}</td>
              <td>{s.hard ? (s.exhausted ? "reached: calls refused" : "yes") : "no"}</td>
              <td>
                <a href={`/budgets?month=${month}&edit=${encodeURIComponent(`${s.scope}|${s.validFrom}`)}`} aria-label={`Change the budget of ${s.scope}`}>
                  Change
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <BudgetForm
        key={edit ?? "new"}
        currency={reportCurrency()}
        ownedUnits={caller.ownedUnits}
        mayEditAny={any}
        initial={
          stored
            ? {
                scope: stored.scope,
                amount: stored.amount,
                validFrom: stored.validFrom,
                validTo: stored.validTo ?? "",
                thresholds: thresholdsText(stored.thresholds),
                notify: stored.notify.join(";"),
                hard: stored.hard,
              }
            : { scope: "", amount: "", validFrom: `${month}-01`, validTo: "", thresholds: "", notify: "", hard: false }
        }
      />
    </>
  );
}
