import { createHash } from "node:crypto";
import Decimal from "decimal.js";
import { formatAtto } from "../core/money";
import { reservedDeployment } from "../pricing/chargedUsage";
import { idleCapacityName } from "../pricing/reservation";
import { readPrice } from "../statements/liveLines";
import type { CostedLine } from "../statements/statementLine";
import type { FocusColumn } from "./focusColumns";
import type { ExportLine } from "./focusLineParts";

export type FocusCells = Partial<Record<FocusColumn, string | number | null>>;

/** An amount over a quantity, to the nearest atto-unit (half up): amounts here are never negative. */
const perUnit = (atto: bigint, quantity: bigint) => (2n * atto + quantity) / (2n * quantity);

/**
 * What a usage line was charged at, in FOCUS terms. A line is one app's use of one model in a
 * month at several meters (input, cached, output…), so its unit prices are its list and
 * contracted cost per token, to 10^-18; ListCost and ContractedCost are those prices times the
 * tokens, exactly, as FOCUS requires. They may differ from the exact cost by less than the
 * tokens' count in 10^-18 units: what is billed is BilledCost, the statement's cents.
 * A line without tokens (a split rule's fixed overhead, capacity nobody used) is one unit of itself.
 */
export function usagePricing(l: CostedLine): FocusCells {
  const tokens = BigInt(l.tokens.totalTokens);
  const [quantity, unit] = tokens > 0n ? [tokens, "Tokens"] : [1n, "Units"];
  const list = perUnit(l.listAtto, quantity);
  const contracted = perUnit(l.atto, quantity);
  return {
    ConsumedQuantity: l.tokens.totalTokens,
    ConsumedUnit: "Tokens",
    PricingQuantity: quantity.toString(),
    PricingUnit: unit,
    ListUnitPrice: formatAtto(list),
    ListCost: formatAtto(list * quantity),
    ContractedUnitPrice: formatAtto(contracted),
    ContractedCost: formatAtto(contracted * quantity),
    PricingCategory: "Standard",
    ...meters(l),
  };
}

/**
 * A correction is a difference (tokens and cost moved or repriced), which has no unit price of its
 * own: FOCUS lets a Correction leave them null, and its costs are the exact differences.
 */
export function correctionPricing(l: CostedLine): FocusCells {
  return {
    ConsumedQuantity: l.tokens.totalTokens,
    ConsumedUnit: "Tokens",
    PricingQuantity: l.tokens.totalTokens,
    PricingUnit: "Tokens",
    ListUnitPrice: null,
    ListCost: formatAtto(l.listAtto),
    ContractedUnitPrice: null,
    ContractedCost: formatAtto(l.atto),
    PricingCategory: "Standard",
    ...meters(l),
  };
}

/**
 * The SKU side of a line: its model, the meters it was charged on (SkuMeter, without prices or
 * days, which change while the meter does not), one price id per model and set of prices, and the
 * provisioned-capacity reservation whose cost it carries: "Used" by the apps that called the
 * deployment, "Unused" on the idle line of a reservation that books idle hours apart.
 */
function meters(l: CostedLine): FocusCells {
  const read = l.prices.map((text) => readPrice(text) ?? { meterName: text, from: "" });
  const reservation = read.find((p) => reservedDeployment(p.meterName) !== null);
  return {
    SkuId: l.model,
    SkuMeter: [...new Set(read.map((p) => p.meterName.replace(/,$/, "")))].join("; ") || null,
    SkuPriceId: l.prices.length > 0 ? `${l.model}:${createHash("sha256").update(l.prices.join("\n")).digest("hex").slice(0, 16)}` : null,
    CapacityReservationId: reservation ? `reservations/${reservedDeployment(reservation.meterName)}/${reservation.from}` : null,
    CapacityReservationStatus: reservation ? (idleCapacityName(l.appId) ? "Unused" : "Used") : null,
  };
}

// Enough significant digits for a price to 10^-18 times PTU-hours to 10^-6, exactly.
const Exact = Decimal.clone({ precision: 60 });
// A reservation's price cited "per PTU and month" is a commitment bought for the term; "per PTU and hour" is paid as used.
const COMMITTED = / per PTU and month from /;

/**
 * A reservation's capacity carried by one app (or, on the idle line, nobody), in FOCUS terms: its
 * PTU-hours priced per PTU-hour ("Hours", the distinct unit Microsoft's price sheets give "1 Hour"
 * meters). A monthly reservation is a commitment discount bought for its term: its rows name the
 * commitment, Used by the apps that called the deployment, Unused on the idle line; an hourly one
 * is capacity paid as used, at standard prices. Null quantities where FOCUS wants them: an unused
 * commitment consumes nothing.
 */
export function capacityPricing(l: ExportLine): FocusCells | null {
  const part = l.part;
  if (!part || part.reservation === "" || !(Number(part.ptuHours) > 0)) return null;
  const hours = new Exact(part.ptuHours);
  const unitPrice = (atto: bigint) => new Exact(atto.toString()).div(1e18).div(hours).toDecimalPlaces(18, Decimal.ROUND_HALF_UP);
  const list = unitPrice(l.listAtto);
  const contracted = unitPrice(l.atto);
  const idle = idleCapacityName(l.appId) !== null;
  const committed = l.prices.some((text) => COMMITTED.test(text));
  const consumed = committed && idle ? null : part.ptuHours;
  const deployment = part.reservation.split("/")[1] ?? part.reservation;
  return {
    ConsumedQuantity: consumed,
    ConsumedUnit: consumed === null ? null : "Hours",
    PricingQuantity: part.ptuHours,
    PricingUnit: "Hours",
    ListUnitPrice: list.toFixed(),
    ListCost: list.times(hours).toFixed(),
    ContractedUnitPrice: contracted.toFixed(),
    ContractedCost: contracted.times(hours).toFixed(),
    PricingCategory: committed ? "Committed" : "Standard",
    ...meters(l),
    CapacityReservationId: part.reservation,
    CapacityReservationStatus: idle ? "Unused" : "Used",
    ...(committed
      ? {
          CommitmentDiscountId: part.reservation,
          CommitmentDiscountName: `PTU reservation of ${deployment}`,
          CommitmentDiscountCategory: "Usage",
          CommitmentDiscountType: "Reservation",
          CommitmentDiscountStatus: idle ? "Unused" : "Used",
          CommitmentDiscountQuantity: part.ptuHours,
          CommitmentDiscountUnit: "Hours",
        }
      : {}),
  };
}
