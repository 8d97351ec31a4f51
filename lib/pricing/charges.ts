import { discounted, DiscountBook, type Discount } from "./discount";
import type { PricedUsage, UsagePricer, UsageToPrice } from "./priceUsage";

/** What usage is charged: its list cost, and `atto` after the negotiated discount of its model and day. */
export type Charge = ((PricedUsage & { priced: true }) & { listAtto: bigint }) | (PricedUsage & { priced: false });
export type Charges = { currency: string; pricer: UsagePricer; charge: (u: UsageToPrice) => Charge };

/** Usage charged through the price book and the discounts: every report charges usage through this. */
export function chargesOf(pricer: UsagePricer, discounts: readonly Discount[]): Charges {
  const book = new DiscountBook(discounts);
  return {
    currency: pricer.book.currency,
    pricer,
    charge: (u) => {
      const priced = pricer.price(u);
      return priced.priced ? { ...priced, listAtto: priced.atto, atto: discounted(priced.atto, book.ppmOn(priced.modelId, u.day)) } : priced;
    },
  };
}
