import { loadConfig } from "../config/schema";
import type { CatalogStore } from "../store/port";
import type { Deployment } from "./deployment";
import { PriceBook } from "./priceBook";
import { UsagePricer } from "./priceUsage";
import type { Reservation } from "./reservation";
import type { RetailPriceItem } from "./retailPrice";

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
  const pricer = loadPricerInputs(store).then((inputs) => pricerOf(inputs, currency));
  built.set(store, { version, pricer });
  pricer.catch(() => built.delete(store));
  return pricer;
}

/** What a pricer is built from, as plain data: a thread that writes without a store of its own gets it. */
export type PricerInputs = { prices: RetailPriceItem[]; deployments: Deployment[]; reservations: Reservation[] };

export async function loadPricerInputs(store: CatalogStore): Promise<PricerInputs> {
  const [prices, deployments, reservations] = await Promise.all([store.listRetailPrices(), store.listDeployments(), store.listReservations()]);
  return { prices, deployments, reservations };
}

export const pricerOf = ({ prices, deployments, reservations }: PricerInputs, currency = reportCurrency()) =>
  new UsagePricer(new PriceBook(prices, currency), deployments, reservations);
