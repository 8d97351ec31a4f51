import { attributeMonth, attributionOf, type AttributedUsage } from "../allocation/attributedUsage";
import type { Attribution } from "../allocation/attribution";
import type { TagUsage } from "../allocation/measureShares";
import type { SplitRule } from "../allocation/splitRule";
import { chargeMonth, type ChargedUsage } from "../pricing/chargedUsage";
import type { Catalog } from "./catalog";
import type { MonthUsage } from "./monthUsage";

/**
 * One month priced and attributed as of now, once: every report, statement, export, close,
 * preview, true-up and trend of the month is a projection of this value.
 */
export type MonthLedger = {
  month: string;
  currency: string;
  catalog: Catalog;
  usage: MonthUsage;
  /** The split rules it is attributed by: the stored ones, or those a preview proposes. */
  attribution: Attribution;
  /** Each daily rollup charged at its day's prices, and provisioned capacity as rows of its own. */
  charged: readonly ChargedUsage[];
  /** The charged rows (and split rules' overheads) divided among their holders. */
  attributed: readonly AttributedUsage[];
};

/** Builds the ledger from what was read; no I/O, so report code is tested on hand-built inputs. */
export function buildLedger(
  catalog: Catalog,
  usage: MonthUsage,
  tagUsage: ReadonlyMap<string, readonly TagUsage[]> = new Map(),
  rules: readonly SplitRule[] = catalog.splitRules,
): MonthLedger {
  return takeLedger(catalog, { usage, tagUsage }, rules);
}

/**
 * What a ledger is built from, handed over to `takeLedger`, which empties it as it goes: the
 * caller keeps no other reference, so the usage's daily rows are let go once charged and the tag
 * rows once they measured the shares, instead of being held beside the charged and attributed rows
 * (at 5,000 apps a third of the heap while a month's ledger is built).
 */
export type LedgerInputs = { usage?: MonthUsage; tagUsage?: ReadonlyMap<string, readonly TagUsage[]> };

/** buildLedger from inputs it lets go of once used (LedgerInputs); the same ledger. */
export function takeLedger(catalog: Catalog, inputs: LedgerInputs, rules: readonly SplitRule[] = catalog.splitRules): MonthLedger {
  const { usage, charged } = chargeTaken(inputs, catalog.charges);
  const attribution = attributionTaken(inputs, catalog.mappings, rules, charged);
  const { month } = usage;
  return { month, currency: catalog.charges.currency, catalog, usage, attribution, charged, attributed: attributeMonth(month, charged, attribution) };
}

// Each input read in a function of its own and cleared there: no local of the build's own frame
// keeps it alive to the end.
function chargeTaken(inputs: LedgerInputs, charges: Catalog["charges"]): { usage: MonthUsage; charged: ChargedUsage[] } {
  if (!inputs.usage) throw new Error("a ledger is built from its month's usage, given once");
  const { month, daily, hourly } = inputs.usage;
  inputs.usage = undefined;
  const charged = chargeMonth(month, daily, hourly, charges);
  // The usage's daily rows kept as their charged rows (the first ones, the same fields and more), not
  // beside them: a copy of every row less to hold (a fifth of a ledger).
  return { usage: { month, daily: charged.slice(0, daily.length), hourly }, charged };
}

function attributionTaken(inputs: LedgerInputs, mappings: Catalog["mappings"], rules: readonly SplitRule[], charged: readonly ChargedUsage[]): Attribution {
  const tagUsage = inputs.tagUsage ?? new Map<string, readonly TagUsage[]>();
  inputs.tagUsage = undefined;
  return attributionOf(mappings, rules, charged, tagUsage);
}
