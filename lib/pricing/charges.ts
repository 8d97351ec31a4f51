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
      if (!priced.priced) return priced;
      // Named field by field, as `{ ...priced, listAtto, atto }` ordered them: one hidden class for
      // every row's charge instead of one each (chargedRow says why).
      const { atto, modelId, prices } = priced;
      return { priced: true, atto: discounted(atto, book.ppmOn(modelId, u.day)), modelId, prices, listAtto: atto };
    },
  };
}
