import type { SplitRule } from "../allocation/splitRule";
import type { OrgMapping } from "../org/orgMapping";
import { chargesOf, type Charges } from "../pricing/charges";
import { loadPricer } from "../pricing/loadPricer";
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
};

export async function loadCatalog(store: CatalogStore & LedgerStore): Promise<Catalog> {
  const [closedMonths, pricer, discounts, mappings, splitRules, markups, apps] = await Promise.all([
    store.listClosedMonths(),
    loadPricer(store),
    store.listDiscounts(),
    store.listOrgMappings(),
    store.listSplitRules(),
    store.listMarkups(),
    store.listApps(),
  ]);
  return { closedMonths, charges: chargesOf(pricer, discounts), mappings, splitRules, markups, apps };
}
