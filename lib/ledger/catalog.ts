import type { SplitRule } from "../allocation/splitRule";
import type { OrgMapping } from "../org/orgMapping";
import { chargesOf, type Charges } from "../pricing/charges";
import { loadPricer, reportCurrency } from "../pricing/loadPricer";
import { monthInputsDigest } from "./monthInputs";
import type { Markup } from "../statements/markup";
import type { ClosedMonth } from "../statements/statementLine";
import type { App, CatalogStore, LedgerStore } from "../store/port";

/**
 * What prices and attributes any month, as the store has it now: the price book with its
 * deployments, reservations and discounts, the mappings, split rules and markups, app names, and
 * which months are closed. Read once per page or API call and shared by every month it shows.
 */
export type Catalog = {
  closedMonths: readonly ClosedMonth[];
  charges: Charges;
  mappings: readonly OrgMapping[];
  splitRules: readonly SplitRule[];
  markups: readonly Markup[];
  apps: readonly App[];
  /**
   * One month's digest of what above prices or attributes its usage (monthInputs.ts): stamps the
   * materialized months (materializedMonth.ts); none on a hand-built catalog.
   */
  digestOf?: (month: string) => string;
};

/** `pricingVersion`: the store's, read before anything else (catalogCache.ts reads it with the catalog's version). */
export async function loadCatalog(store: CatalogStore & LedgerStore, pricingVersion?: string): Promise<Catalog> {
  const currency = reportCurrency();
  pricingVersion ??= await store.getPricingVersion();
  const [closedMonths, pricer, discounts, mappings, splitRules, markups, apps] = await Promise.all([
    store.listClosedMonths(),
    loadPricer(store, currency, pricingVersion),
    store.listDiscounts(),
    store.listOrgMappings(),
    store.listSplitRules(),
    store.listMarkups(),
    store.listApps(),
  ]);
  const digests = new Map<string, string>();
  const digestOf = (month: string) => {
    let digest = digests.get(month);
    if (digest === undefined) digests.set(month, (digest = monthInputsDigest({ currency, pricer, discounts, mappings, splitRules, apps }, month)));
    return digest;
  };
  return { closedMonths, charges: chargesOf(pricer, discounts), mappings, splitRules, markups, apps, digestOf };
}
