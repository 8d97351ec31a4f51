import { itemAt } from "../core/arrays";
import { allocateCents, formatCents } from "../core/money";
import type { LedgerReader } from "../ledger/ledgerReader";
import { adjustmentsFromUsage, causeOf, type CorrectionCause, landingMonth } from "../statements/adjustments";
import { monthUsageLines } from "../statements/monthUsageLines";
import { monthLines } from "../statements/monthLines";
import type { StatementLine } from "../statements/statementLine";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";

/** One correction: a line's change since its month closed, with its cause and what the cause was (the app, or the split rule). */
export type Correction = {
  forMonth: string;
  businessUnit: string;
  costCenter: string;
  appId: string;
  appName: string;
  model: string;
  rule: string;
  cost: string;
  cause: CorrectionCause | null;
  reason: string;
};
export type Corrections = {
  month: string;
  currency: string;
  /** Corrections to earlier closed months booked in this month (frozen with it once it closes). */
  booked: Correction[];
  /** For a closed month: corrections to it not booked yet, and the open month they will land in. */
  pending: { landing: string; corrections: Correction[] } | null;
};

const visible = (scope: ReportScope) => (l: Pick<StatementLine, "businessUnit">) =>
  l.businessUnit === "" ? scope.units === "all" : includesUnit(scope, l.businessUnit);

const correction = (l: StatementLine, cents: bigint): Correction => ({
  forMonth: l.forMonth,
  businessUnit: l.businessUnit,
  costCenter: l.costCenter,
  appId: l.appId,
  appName: l.appName,
  model: l.model,
  rule: l.rule,
  cost: formatCents(cents),
  cause: causeOf(l.reason),
  reason: l.reason,
});

/**
 * A month's corrections, within the scope: those booked in it, and for a closed month those
 * pending against it (what its usage costs now less what was frozen), each with its cause.
 */
export async function getCorrections(reader: LedgerReader, month: string, scope: ReportScope = ALL_UNITS): Promise<Corrections> {
  const lines = await monthLines(reader, month);
  const booked = lines.lines
    .filter((l) => l.kind === "adjustment")
    .filter(visible(scope))
    .map((l) => correction(l, l.cents));
  const { closedMonths, charges, markups } = await reader.catalog();
  const closed = lines.closed;
  let pending: Corrections["pending"] = null;
  // A month closed in another currency is never corrected in this one.
  if (closed && closed.currency === charges.currency) {
    const landing = landingMonth(month, new Set(closedMonths.map((c) => c.month)));
    const [usage, frozen] = await Promise.all([monthUsageLines(reader, month), reader.statementLines({ forMonth: month })]);
    const open = adjustmentsFromUsage(usage, markups, month, frozen, landing).filter(visible(scope));
    const cents = allocateCents(open.map((l) => l.atto));
    pending = { landing, corrections: open.map((l, i) => correction(l, itemAt(cents, i))) };
  }
  const byMonthUnitApp = (a: Correction, b: Correction) =>
    a.forMonth.localeCompare(b.forMonth) || a.businessUnit.localeCompare(b.businessUnit) || a.appName.localeCompare(b.appName);
  return {
    month,
    currency: lines.currency,
    booked: booked.sort(byMonthUnitApp),
    pending: pending && { ...pending, corrections: pending.corrections.sort(byMonthUnitApp) },
  };
}
