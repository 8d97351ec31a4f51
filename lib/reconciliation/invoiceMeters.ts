import type { InvoiceLine } from "../invoice/invoiceLine";
import { addTo, addToDay, meterKey, type DayTotals, type MeterTotals } from "./meterKey";

export type InvoiceMeters = {
  byMeter: Map<string, MeterTotals>;
  byDay: Map<string, DayTotals>;
  credits: Map<string, bigint>;
  otherCurrencies: Record<string, number>;
};

/**
 * The bill's side: effective (amortized) cost, credits and refunds included, since that is what
 * the month really cost. Lines in a currency other than the reports' cannot be compared: they are
 * only counted.
 */
export function sumInvoiceLines(lines: readonly InvoiceLine[], currency: string): InvoiceMeters {
  const byMeter = new Map<string, MeterTotals>();
  const byDay = new Map<string, DayTotals>();
  const credits = new Map<string, bigint>();
  const otherCurrencies: Record<string, number> = {};
  for (const l of lines) {
    if (l.currency !== currency) {
      otherCurrencies[l.currency] = (otherCurrencies[l.currency] ?? 0) + l.rows;
      continue;
    }
    const meter = addTo(
      byMeter,
      { region: l.region, model: l.modelId, sku: `${l.sku}${l.batch ? " batch" : ""}`, kind: l.kind },
      l.tokens,
      l.effectiveAtto,
      l.resourceId,
    );
    addToDay(byDay, l.day, l.tokens, l.effectiveAtto);
    if (l.chargeCategory.toLowerCase() !== "usage") credits.set(meterKey(meter), (credits.get(meterKey(meter)) ?? 0n) + l.effectiveAtto);
  }
  return { byMeter, byDay, credits, otherCurrencies };
}
