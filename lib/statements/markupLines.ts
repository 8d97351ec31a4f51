import { percentPpm } from "../pricing/discount";
import { inEffect } from "../core/effectiveDated";
import { amountToAtto, splitByWeight } from "../core/money";
import { ALL_UNITS_SCOPE, feeAppId, MARKUP_APP_ID, type Markup } from "./markup";
import { noTokens, type StatementLine, type UnpricedUsage } from "./statementLine";
import { itemAt } from "../core/arrays";

const PPM = 1_000_000n;

/**
 * Usage cost (after discounts) per business unit and cost center, with its true-up when the month
 * is closed on actual cost: what markups are computed on.
 */
type Base = Map<string, Map<string, bigint>>;

/**
 * The markup and platform-fee lines of a month, from its usage (and true-up) lines. A unit's own percentage wins
 * over one for every unit; fees add up. A fee in another currency than the reports' is not charged
 * but listed with the unpriced usage, so nobody misses it.
 */
export function markupLines(
  usage: readonly StatementLine[],
  markups: readonly Markup[],
  month: string,
  currency: string,
): { lines: StatementLine[]; unpriced: UnpricedUsage[] } {
  const active = markups.filter((m) => inEffect(m, `${month}-01`));
  const base = usageBase(usage);
  const lines: StatementLine[] = [];
  const unpriced: UnpricedUsage[] = [];
  const line = (m: Markup, businessUnit: string, costCenter: string, atto: bigint, appId: string, appName: string): StatementLine => ({
    kind: "markup",
    forMonth: month,
    businessUnit,
    costCenter,
    appId,
    appName,
    model: "markup",
    rule: "",
    reason: describe(m),
    tokens: noTokens(),
    atto,
    listAtto: atto,
    prices: [],
  });

  for (const [unit, centers] of base) {
    const m =
      active.find((a) => a.kind === "percent" && a.businessUnit === unit) ?? active.find((a) => a.kind === "percent" && a.businessUnit === ALL_UNITS_SCOPE);
    if (!m) continue;
    const ppm = percentPpm(m.amount);
    for (const [costCenter, atto] of centers)
      lines.push(line(m, unit, costCenter, (atto * ppm + PPM / 2n) / PPM, MARKUP_APP_ID, m.label || `Platform markup ${m.amount}%`));
  }

  for (const m of active.filter((a) => a.kind === "fee")) {
    if (m.currency !== currency) {
      unpriced.push({
        businessUnit: m.businessUnit === ALL_UNITS_SCOPE ? "" : m.businessUnit,
        reason: `platform fee (${describe(m)}) is in ${m.currency}, the reports are in ${currency}`,
        requests: 0,
        totalTokens: 0,
      });
      continue;
    }
    const fee = amountToAtto(m.amount);
    const appId = feeAppId(m.businessUnit);
    const name = m.label || (m.businessUnit === ALL_UNITS_SCOPE ? "Shared platform fee" : "Platform fee");
    if (m.businessUnit !== ALL_UNITS_SCOPE) {
      lines.push(line(m, m.businessUnit, m.costCenter, fee, appId, name));
      continue;
    }
    const units = [...base.keys()].sort();
    // A true-up credit can leave a unit (or cost center) below zero: it takes no part of the fee.
    const unitTotals = units.map((u) => positive([...base.get(u)!.values()].reduce((a, b) => a + b, 0n)));
    // With no mapped usage to share it by, the fee stays visible as an unmapped line.
    if (unitTotals.every((t) => t === 0n)) {
      lines.push(line(m, "", "", fee, appId, name));
      continue;
    }
    splitByWeight(fee, unitTotals).forEach((unitFee, i) => {
      const unit = itemAt(units, i); // a total per unit
      const centers = [...base.get(unit)!.entries()].sort(([a], [b]) => a.localeCompare(b));
      splitByWeight(
        unitFee,
        centers.map(([, atto]) => positive(atto)),
      ).forEach((atto, j) => {
        if (atto !== 0n) lines.push(line(m, unit, itemAt(centers, j)[0], atto, appId, name));
      });
    });
  }
  return { lines, unpriced };
}

const positive = (atto: bigint) => (atto > 0n ? atto : 0n);

function usageBase(usage: readonly StatementLine[]): Base {
  const base: Base = new Map();
  for (const l of usage) {
    if ((l.kind !== "usage" && l.kind !== "trueup") || l.businessUnit === "") continue;
    const centers = base.get(l.businessUnit) ?? new Map<string, bigint>();
    centers.set(l.costCenter, (centers.get(l.costCenter) ?? 0n) + l.atto);
    base.set(l.businessUnit, centers);
  }
  return base;
}

function describe(m: Markup): string {
  const what =
    m.kind === "percent"
      ? `${m.amount}% of usage cost`
      : `${m.amount} ${m.currency} a month${m.businessUnit === ALL_UNITS_SCOPE ? ", shared by usage cost" : ""}`;
  return `${what}, ${m.businessUnit === ALL_UNITS_SCOPE ? "every business unit" : m.businessUnit}, from ${m.validFrom}${m.validTo ? ` to ${m.validTo}` : ""}`;
}
