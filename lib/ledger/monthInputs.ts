import { dayBefore, monthDays } from "../core/months";
import type { UsagePricer } from "../pricing/priceUsage";
import { catalogDigest } from "./materializedMonth";

type Dated = { validFrom: string; validTo: string | null };

/** What a month's digest reads of the catalog: everything that prices or attributes usage, as lists. */
export type CatalogInputs = {
  currency: string;
  pricer: UsagePricer;
  discounts: readonly Dated[];
  mappings: readonly Dated[];
  splitRules: readonly Dated[];
  apps: unknown;
};

// Each price as text with its start, built once per price book (loadPricer keeps one per store version).
const pricesOf = new WeakMap<UsagePricer, { from: string; meter: string; text: string }[]>();
function datedPrices(pricer: UsagePricer) {
  let known = pricesOf.get(pricer);
  if (!known) {
    known = pricer.book
      .entries()
      .map(({ price, ...meter }) => ({ from: price.from, meter: JSON.stringify(meter), text: JSON.stringify({ ...price, atto: price.atto.toString() }) }));
    pricesOf.set(pricer, known);
  }
  return known;
}

/**
 * The digest of what prices and attributes one month's usage: the prices that start before its end
 * (a price's history runs forward), the meters every price names (whether a model has a meter at
 * all tells an unpriced reason apart), the deployments, and the reservations, discounts (from the
 * day before, where the change explanation reprices the month), mappings and split rules in effect
 * on any of its days. So a change dated after a month, or ended before it, leaves its figures current.
 */
export function monthInputsDigest({ currency, pricer, discounts, mappings, splitRules, apps }: CatalogInputs, month: string): string {
  const { from, to } = monthDays(month);
  // What is in effect on the days from `since` to the month's end, each clipped to them: moving an
  // end date from after the month to another day after it changes nothing in the month.
  const during =
    (since: string) =>
    <T extends Dated>(list: readonly T[]) =>
      list
        .filter((r) => r.validFrom < to && (r.validTo === null || r.validTo > since))
        .map((r) => ({ ...r, validFrom: r.validFrom < since ? since : r.validFrom, validTo: r.validTo === null || r.validTo > to ? to : r.validTo }));
  const prices = datedPrices(pricer);
  return catalogDigest({
    currency,
    prices: prices.filter((p) => p.from < to).map((p) => `${p.meter}${p.text}`),
    meters: [...new Set(prices.map((p) => p.meter))],
    conflicts: pricer.book.conflicts,
    deployments: pricer.deployments,
    reservations: during(from)(pricer.reservations),
    discounts: during(dayBefore(from))(discounts),
    mappings: during(from)(mappings),
    splitRules: during(from)(splitRules),
    apps,
  });
}
