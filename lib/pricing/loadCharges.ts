import type { UsageStore } from "../store/port";
import { discounted, DiscountBook } from "./discount";
import { loadPricer } from "./loadPricer";
import type { PricedUsage, UsageToPrice } from "./priceUsage";

/** What usage is charged: its list cost, and `atto` after the negotiated discount of its model and day. */
export type Charge = ((PricedUsage & { priced: true }) & { listAtto: bigint }) | (PricedUsage & { priced: false });
export type Charges = { currency: string; charge: (u: UsageToPrice) => Charge };

/** The price book and discounts as the store has them now: every report charges usage through this. */
export async function loadCharges(store: UsageStore): Promise<Charges> {
  const [pricer, discounts] = await Promise.all([loadPricer(store), store.listDiscounts()]);
  const book = new DiscountBook(discounts);
  return {
    currency: pricer.book.currency,
    charge: (u) => {
      const priced = pricer.price(u);
      return priced.priced ? { ...priced, listAtto: priced.atto, atto: discounted(priced.atto, book.ppmOn(priced.modelId, u.day)) } : priced;
    },
  };
}
