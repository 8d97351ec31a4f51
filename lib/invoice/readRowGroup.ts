import { UNREAD } from "../pricing/skippedMeters";
import { readMeterName, type MeterEntry } from "../pricing/meterCatalog";
import { tokensPerUnit, type TokensPerUnit } from "./exactSum";
import type { FieldIndex } from "./exportColumns";
import { itemAt } from "../core/arrays";

/**
 * What every row with the same day, resource, meter, charge category, currency, units and region
 * cells shares: an export repeats each such group over many rows, so a group is read once and
 * only the amounts are read per row.
 */
export type RowGroup = {
  day: string;
  resourceId: string;
  region: string;
  meterName: string;
  meter: MeterEntry;
  chargeCategory: string;
  currency: string;
  per: TokensPerUnit;
  /** The quantity column in `per` units: the consumed quantity, or the pricing quantity when only its unit is tokens. */
  quantityColumn: number;
};
export type GroupReading = { group: RowGroup } | { skipped: string };

/** "1K", "1M", "1K Tokens", "1M Tokens", "Tokens", "1000 Tokens": how many tokens one unit is. */
const UNIT = /^(\d+)?\s*([KM])?\s*(tokens?)?$/i;
function readUnit(unit: string): TokensPerUnit | null {
  const m = UNIT.exec(unit.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return tokensPerUnit(BigInt(m[1] ?? "1") * (m[2] === undefined ? 1n : m[2].toUpperCase() === "K" ? 1_000n : 1_000_000n));
}

const WHOLE = /^(\d+)(?:\.0*)?$/;

/**
 * A pricing unit as Cost Management's FOCUS writes it: the distinct unit "Units" (the catalog has
 * already said the meter counts tokens, so a unit is a token), priced per block of
 * x_PricingBlockSize of them, else per the block x_PricingUnitDescription names ("1K", "1M").
 */
function readDistinctUnit(unit: string, blockSize: string, description: string): TokensPerUnit | null {
  if (unit.trim().toLowerCase() !== "units") return null;
  const size = blockSize.trim();
  const whole = WHOLE.exec(size);
  if (whole && BigInt(itemAt(whole, 1)) > 0n) return tokensPerUnit(BigInt(itemAt(whole, 1)));
  return size === "" ? readUnit(description) : null;
}

// Purchases (reservations, PTU commitments) reach usage rows amortized as EffectiveCost (FOCUS)
// or in the amortized export: counting the purchase too would bill it twice. Tax is not usage.
const SKIPPED_CATEGORIES: Record<string, string> = {
  purchase: "purchase (its cost is in usage rows, amortized)",
  tax: "tax",
  unusedreservation: "unused reservation (not a token meter)",
  unusedsavingsplan: "unused savings plan (not a token meter)",
};
// An export repeats a few categories and a few hundred meter names over millions of rows (most
// of them other services than Azure OpenAI): each distinct cell is read once.
// Cells are slices of the parser's chunk of text (64 KiB): what is kept is copied, or one cell
// would keep its whole chunk alive.
const own = (cell: string): string => Buffer.from(cell, "utf8").toString("utf8");
const categories = new Map<string, string | null>();
const meters = new Map<string, string | MeterEntry>();

/** Why a row with this charge category and meter name does not count, or null when it may. */
export function chargeSkipped(categoryCell: string, meterCell: string): string | null {
  let category = categories.get(categoryCell);
  if (category === undefined) categories.set(own(categoryCell), (category = SKIPPED_CATEGORIES[categoryCell.trim().toLowerCase()] ?? null));
  if (category !== null) return category;
  const meter = meterOf(meterCell);
  return typeof meter === "string" ? meter : null;
}

function meterOf(meterCell: string): string | MeterEntry {
  let meter = meters.get(meterCell);
  if (meter === undefined) {
    const name = meterCell.trim();
    const reading = readMeterName(name);
    // A cost export holds every service's meters: one the catalog does not read is no token meter;
    // a Foundry meter skipped on purpose (fine-tuning hosting, provisioned units) says why.
    meter = "entry" in reading ? reading.entry : name === "" ? "no meter name" : reading.skipped === UNREAD ? NOT_TOKENS : `not priced (${reading.skipped})`;
    meters.set(own(meterCell), meter);
  }
  return meter;
}

/** What a row of another service is set aside as. */
export const NOT_TOKENS = "not a token meter";

const MONTH_DAY_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/;

/** A UTC day from "2026-11-03T00:00:00Z", "2026-11-03" or the classic export's "11/03/2026". */
function dayOf(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) return t.slice(0, 10);
  const mdy = MONTH_DAY_YEAR.exec(t);
  if (!mdy) return null;
  const twoDigits = (group: number) => itemAt(mdy, group).padStart(2, "0");
  return `${itemAt(mdy, 3)}-${twoDigits(1)}-${twoDigits(2)}`;
}

/** Reads the group of a row: a token-meter charge, or why it does not count. */
export function readRowGroup(cells: string[], f: FieldIndex, resources: readonly string[]): GroupReading {
  const categoryCell = cells[f.chargeCategory] ?? "";
  const meterCell = cells[f.meterName] ?? "";
  const skipped = chargeSkipped(categoryCell, meterCell);
  if (skipped !== null) return { skipped };
  const meter = meterOf(meterCell) as MeterEntry;
  const resourceId = (cells[f.resourceId] ?? "").trim().toLowerCase();
  if (resources.length > 0 && !resources.some((r) => resourceId.startsWith(r))) return { skipped: "resource not configured for the gateway" };
  const day = dayOf(cells[f.day] ?? "");
  if (!day) return { skipped: "unreadable charge date" };
  const consumedPer = readUnit(cells[f.unit] ?? "");
  const per =
    consumedPer ??
    readUnit(cells[f.pricingUnit] ?? "") ??
    readDistinctUnit(cells[f.pricingUnit] ?? "", cells[f.blockSize] ?? "", cells[f.unitDescription] ?? "");
  if (per === null) return { skipped: "unit is not tokens" };
  return {
    group: {
      day: own(day),
      resourceId: own(resourceId),
      region: own((cells[f.region] ?? "").toLowerCase().replace(/\s+/g, "")),
      meterName: own(meterCell.trim()),
      meter,
      chargeCategory: own(categoryCell.trim() || "Usage"),
      currency: own((cells[f.currency] ?? "").trim().toUpperCase()),
      per,
      quantityColumn: consumedPer !== null ? f.quantity : f.pricingQuantity,
    },
  };
}
