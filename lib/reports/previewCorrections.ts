import { attoToCents, formatCents } from "../core/money";
import { LedgerReader } from "../ledger/ledgerReader";
import type { OrgMapping } from "../org/orgMapping";
import type { SplitRule } from "../allocation/splitRule";
import { adjustmentsFromUsage, landingMonth } from "../statements/adjustments";
import { usageLines } from "../statements/liveLines";
import type { ReportStore } from "../store/port";

/** One business unit's share of the corrections a change would book for one closed month ("" is the unmapped apps). */
export type CorrectionImpact = { forMonth: string; landing: string; businessUnit: string; cost: string };

/** A change before it is saved: every mapping or every split rule as they would be, and the first day it touches. */
export type ProposedChange = { from: string; mappings?: readonly OrgMapping[]; splitRules?: readonly SplitRule[] };

/**
 * The corrections a change would book, per closed month and business unit: the corrections
 * pending with the change (as getPendingCorrections counts them, from the same
 * adjustmentsFromUsage) less those pending without it. Empty when it reaches no closed month or
 * moves no money there. Ledgers are built directly, never through the stored materialized months,
 * so a preview leaves no figures behind.
 */
export async function previewCorrections(store: ReportStore, change: ProposedChange): Promise<CorrectionImpact[]> {
  const now = new LedgerReader(store);
  const then = new LedgerReader(proposing(store, change));
  const { closedMonths, charges, markups } = await now.catalog();
  const closed = new Set(closedMonths.map((c) => c.month));
  const reached = closedMonths.filter((c) => c.currency === charges.currency && c.month >= change.from.slice(0, 7)).map((c) => c.month);
  const perMonth = await Promise.all(
    reached.map(async (month) => {
      const landing = landingMonth(month, closed);
      const [before, after, frozen] = await Promise.all([now.ledger(month), then.ledger(month), now.statementLines({ forMonth: month })]);
      const byUnit = new Map<string, bigint>();
      for (const [sign, ledger] of [
        [-1n, before],
        [1n, after],
      ] as const) {
        for (const l of adjustmentsFromUsage(usageLines(ledger), markups, month, frozen, landing))
          byUnit.set(l.businessUnit, (byUnit.get(l.businessUnit) ?? 0n) + sign * l.atto);
      }
      return [...byUnit]
        .map(([businessUnit, atto]) => ({ forMonth: month, landing, businessUnit, cents: attoToCents(atto) }))
        .filter((r) => r.cents !== 0n)
        .sort((a, b) => a.businessUnit.localeCompare(b.businessUnit))
        .map(({ cents, ...r }) => ({ ...r, cost: formatCents(cents) }));
    }),
  );
  return perMonth.flat();
}

/** The store as it would read after the change: only the changed list differs. */
function proposing(store: ReportStore, change: ProposedChange): ReportStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === "listOrgMappings" && change.mappings) return async () => [...change.mappings!];
      if (property === "listSplitRules" && change.splitRules) return async () => [...change.splitRules!];
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
