import "server-only";
import type { Caller } from "@/lib/auth/access";
import { reportFromLines } from "@/lib/reports/getChargebackReport";
import { formatMoney } from "@/lib/reports/formatMoney";
import { monthLines } from "@/lib/statements/monthLines";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getSharedStore } from "@/lib/store";
import { unitHref } from "./_components/unitHref";

/** An owner of several units picks one; their month's cost beside each, and all of them together one link away. */
export async function UnitChooserPage({ caller, month }: { caller: Caller; month: string }) {
  const report = reportFromLines(await monthLines(new LedgerReader(getSharedStore()), month), "business-unit", caller.scope);
  const cost = new Map(report.rows.map((r) => [r.key, r.cost]));
  const units = [...caller.ownedUnits].sort((a, b) => a.localeCompare(b));
  return (
    <>
      <h1>Your business units</h1>
      <p className="sub">
        You own {units.length} business units. Pick one to see its month, {month}.
      </p>
      <ul className="unit-choices" data-testid="unit-chooser">
        {units.map((unit) => (
          <li key={unit}>
            <a href={unitHref(unit, month)}>{unit}</a> <span className="hint">{formatMoney(cost.get(unit) ?? "0.00", report.currency)}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/?view=all&month=${month}`}>All {units.length} together</a>
      </p>
    </>
  );
}
