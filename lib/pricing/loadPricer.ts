import type { UsageStore } from "../store/port";
import { PriceBook } from "./priceBook";
import { UsagePricer } from "./priceUsage";

/** The price book and deployments as the store has them now. */
export async function loadPricer(store: UsageStore): Promise<UsagePricer> {
  const [prices, deployments] = await Promise.all([store.listRetailPrices(), store.listDeployments()]);
  return new UsagePricer(new PriceBook(prices), deployments);
}
