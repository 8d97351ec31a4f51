import { loadConfig } from "../config/schema";
import type { UsageStore } from "../store/port";
import { PriceBook } from "./priceBook";
import { UsagePricer } from "./priceUsage";

const built = new WeakMap<UsageStore, { version: string; pricer: Promise<UsagePricer> }>();

/** Reports are priced in the configured currency (USD unless an admin chose another). */
export const reportCurrency = () => loadConfig().CHARGEBACK_CURRENCY;

/**
 * The price book and deployments as the store has them now. Building the book reads every price,
 * so it is kept per store and rebuilt only when prices or deployments change.
 */
export async function loadPricer(store: UsageStore, currency = reportCurrency()): Promise<UsagePricer> {
  const version = `${currency}|${await store.getPricingVersion()}`;
  const cached = built.get(store);
  if (cached?.version === version) return cached.pricer;
  const pricer = Promise.all([store.listRetailPrices(), store.listDeployments()]).then(([prices, deployments]) => new UsagePricer(new PriceBook(prices, currency), deployments));
  built.set(store, { version, pricer });
  pricer.catch(() => built.delete(store));
  return pricer;
}
