import { readMeterName, type MeterEntry, type MeterReading } from "../pricing/meterCatalog";
import { decimalToAtto, tokensOf } from "./decimalAtto";
import type { FieldIndex } from "./exportColumns";

export type InvoiceRow = {
  day: string;
  resourceId: string;
  region: string;
  meterName: string;
  meter: MeterEntry;
  chargeCategory: string;
  currency: string;
  tokens: bigint;
  billedAtto: bigint;
  effectiveAtto: bigint;
};
export type RowReading = { row: InvoiceRow } | { skipped: string };

/** "1K", "1M", "1K Tokens", "1M Tokens", "Tokens", "1000 Tokens": how many tokens one unit is. */
const UNIT = /^(\d+)?\s*([KM])?\s*(tokens?)?$/i;
const units = new Map<string, bigint | null>();
function tokensPerUnit(unit: string): bigint | null {
  let per = units.get(unit);
  if (per === undefined) units.set(unit, (per = readUnit(unit)));
  return per;
}
function readUnit(unit: string): bigint | null {
  const m = UNIT.exec(unit.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return BigInt(m[1] ?? "1") * (m[2] === undefined ? 1n : m[2].toUpperCase() === "K" ? 1_000n : 1_000_000n);
}

// Purchases (reservations, PTU commitments) reach usage rows amortized as EffectiveCost (FOCUS)
// or in the amortized export: counting the purchase too would bill it twice. Tax is not usage.
const SKIPPED_CATEGORIES: Record<string, string> = {
  purchase: "purchase (its cost is in usage rows, amortized)",
  tax: "tax",
  unusedreservation: "unused reservation (not a token meter)",
  unusedsavingsplan: "unused savings plan (not a token meter)",
};
// An export repeats a few hundred meter names over millions of rows: each is read once.
const meters = new Map<string, MeterReading>();
function readMeter(name: string): MeterReading {
  let reading = meters.get(name);
  if (!reading) meters.set(name, (reading = readMeterName(name)));
  return reading;
}
const MONTH_DAY_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;

/** A UTC day from "2026-11-03T00:00:00Z", "2026-11-03" or the classic export's "11/03/2026". */
function dayOf(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) return t.slice(0, 10);
  const mdy = MONTH_DAY_YEAR.exec(t);
  return mdy ? `${mdy[3]}-${mdy[1].padStart(2, "0")}-${mdy[2].padStart(2, "0")}` : null;
}

/** Reads one export row: a token-meter charge, or why it does not count. */
export function readInvoiceRow(cells: string[], f: FieldIndex, resources: readonly string[]): RowReading {
  const category = cells[f.chargeCategory]?.trim() ?? "";
  const skip = SKIPPED_CATEGORIES[category.toLowerCase()];
  if (skip) return { skipped: skip };
  const meterName = cells[f.meterName]?.trim() ?? "";
  const reading = readMeter(meterName);
  if ("skipped" in reading) return { skipped: meterName === "" ? "no meter name" : `not a token meter (${reading.skipped})` };
  const resourceId = (cells[f.resourceId] ?? "").trim().toLowerCase();
  if (resources.length > 0 && !resources.some((r) => resourceId.startsWith(r))) return { skipped: "resource not configured for the gateway" };
  const day = dayOf(cells[f.day] ?? "");
  if (!day) return { skipped: "unreadable charge date" };
  const consumedPer = tokensPerUnit(cells[f.unit] ?? "");
  const per = consumedPer ?? tokensPerUnit(cells[f.pricingUnit] ?? "");
  const quantityText = consumedPer !== null ? cells[f.quantity] : cells[f.pricingQuantity];
  const quantity = decimalToAtto(quantityText ?? "");
  if (per === null || quantity === null) return { skipped: "unit is not tokens" };
  const billed = decimalToAtto(cells[f.billed] ?? "");
  const effective = decimalToAtto(cells[f.effective] ?? "");
  if (billed === null || effective === null) return { skipped: "unreadable cost" };
  return {
    row: {
      day,
      resourceId,
      region: (cells[f.region] ?? "").toLowerCase().replace(/\s+/g, ""),
      meterName,
      meter: reading.entry,
      chargeCategory: category === "" ? "Usage" : category,
      currency: (cells[f.currency] ?? "").trim().toUpperCase(),
      tokens: tokensOf(quantity, per),
      billedAtto: billed,
      effectiveAtto: effective,
    },
  };
}
