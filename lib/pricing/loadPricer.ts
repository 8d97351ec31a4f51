import { loadConfig } from "../config/schema";
import type { CatalogStore } from "../store/port";
import { PriceBook } from "./priceBook";
import { UsagePricer } from "./priceUsage";

const built = new WeakMap<CatalogStore, { version: string; pricer: Promise<UsagePricer> }>();

/** Reports are priced in the configured currency (USD unless an admin chose another). */
export const reportCurrency = () => loadConfig().CHARGEBACK_CURRENCY;

/**
 * The price book, deployments and reservations as the store has them now. Building the book reads every price,
 * so it is kept per store and rebuilt only when one of them changes.
 */
export async function loadPricer(store: CatalogStore, currency = reportCurrency(), pricingVersion?: string): Promise<UsagePricer> {
  const version = `${currency}|${pricingVersion ?? (await store.getPricingVersion())}`;
  const cached = built.get(store);
  if (cached?.version === version) return cached.pricer;
  const pricer = Promise.all([store.listRetailPrices(), store.listDeployments(), store.listReservations()]).then(
    ([prices, deployments, reservations]) => new UsagePricer(new PriceBook(prices, currency), deployments, reservations),
  );
  built.set(store, { version, pricer });
  pricer.catch(() => built.delete(store));
  return pricer;
}
