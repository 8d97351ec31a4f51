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
  const { month } = usage;
  const charged = chargeMonth(month, usage.daily, usage.hourly, catalog.charges);
  const attribution = attributionOf(catalog.mappings, rules, charged, tagUsage);
  // The usage's daily rows kept as their charged rows (the first ones, the same fields and more), not
  // beside them: a copy of every row less to hold (a fifth of a ledger).
  const kept: MonthUsage = { ...usage, daily: charged.slice(0, usage.daily.length) };
  return { month, currency: catalog.charges.currency, catalog, usage: kept, attribution, charged, attributed: attributeMonth(month, charged, attribution) };
}
