import { monthDays } from "../core/months";
import type { DailyUsage, HourlyAppUsage } from "../store/port";
import { isProvisioned } from "./deployment";
import type { Charge, Charges } from "./charges";
import { tiersOfKinds } from "./tokenKinds";
import { noDetails } from "./billedTokens";
import { attoPerToken } from "../core/money";
import type { Price } from "./priceBook";
import { chargeReservation } from "./reservationCharges";
import type { Reservation } from "./reservation";
import type { USAGE_SUMS } from "../store/rollupFields";

export type ChargedUsage = DailyUsage & { charge: Charge };
/** A usage row's summed counts, which attribution divides among holders. */
export type UsageCounts = Pick<DailyUsage, (typeof USAGE_SUMS)[number]>;

/**
 * `u` with its charge (and, a row's part, these `counts`), every field named in one literal: a
 * month's rows then share one hidden class with their fields inside the object. `{ ...u, charge }`
 * gave each row a hidden class of its own (V8 does not share the map of a spread clone it then
 * extends), ~640 B more per row: most of a month's ledger at 5,000 apps. Same fields, same values.
 */
export function chargedRow(u: DailyUsage, charge: Charge, counts: UsageCounts = u): ChargedUsage {
  return {
    day: u.day,
    appId: u.appId,
    deployment: u.deployment,
    model: u.model,
    region: u.region,
    operation: u.operation,
    tokenKinds: u.tokenKinds,
    serviceTier: u.serviceTier,
    longContext: u.longContext,
    cacheWriteTokens: u.cacheWriteTokens,
    audioInputTokens: u.audioInputTokens,
    audioCachedTokens: u.audioCachedTokens,
    audioOutputTokens: u.audioOutputTokens,
    imageInputTokens: u.imageInputTokens,
    imageCachedTokens: u.imageCachedTokens,
    imageOutputTokens: u.imageOutputTokens,
    requests: counts.requests,
    promptTokens: counts.promptTokens,
    cachedTokens: counts.cachedTokens,
    completionTokens: counts.completionTokens,
    reasoningTokens: counts.reasoningTokens,
    totalTokens: counts.totalTokens,
    modelTimeMs: counts.modelTimeMs,
    charge,
  };
}
/** The operation of the rows that carry a reservation's cost. */
export const CAPACITY_OPERATION = "provisioned capacity";

const NO_TOKENS = {
  requests: 0n,
  promptTokens: 0n,
  cachedTokens: 0n,
  completionTokens: 0n,
  reasoningTokens: 0n,
  totalTokens: 0n,
  modelTimeMs: 0n,
  ...noDetails(),
  ...tiersOfKinds(0),
};

/**
 * A month's usage as every report charges it: each daily rollup at the prices and discount of its
 * day, and each provisioned reservation's cost as rows of its own ("provisioned capacity", no
 * tokens), one per app and day, on the reservation's deployment (from the `hourly` usage of the
 * reserved deployments). The tokens of a provisioned deployment are charged nothing themselves, so
 * they are never also paid at pay-as-you-go rates.
 */
export function chargeMonth(month: string, usage: readonly DailyUsage[], hourly: readonly HourlyAppUsage[], charges: Charges): ChargedUsage[] {
  const rows: ChargedUsage[] = usage.map((u) => chargedRow(u, charges.charge(u)));
  rows.push(...capacityRows(month, hourly, charges));
  return rows;
}

/**
 * The reservations that charge something in the month: a reservation in another currency, or of a
 * deployment no longer provisioned, prices nothing (the pricer leaves that deployment's usage
 * unpriced with the reason instead).
 */
export function reservationsIn(month: string, charges: Charges): Reservation[] {
  const { from, to } = monthDays(month);
  const provisioned = new Set(charges.pricer.deployments.filter((d) => isProvisioned(d.sku)).map((d) => d.name));
  return charges.pricer.reservations.filter(
    (r) => r.currency === charges.currency && provisioned.has(r.deployment) && r.validFrom < to && (r.validTo === null || r.validTo > from),
  );
}

const RESERVATION_METER = /^reservation of (.+), \d+ PTU,$/;
/** The meter a reservation's cost is cited under, which statements keep: "reservation of gpt-41-ptu, 1 PTU,". */
const reservationMeterName = (r: Reservation) => `reservation of ${r.deployment}, ${r.units} PTU,`;
/** The deployment a reservation meter name (reservationMeterName) names; null for any other meter. */
export const reservedDeployment = (meterName: string): string | null => RESERVATION_METER.exec(meterName)?.[1] ?? null;

/** Each reservation's cost in the month as rows of its own (see chargeMonth), shared by the hourly usage of its deployment. */
export function capacityRows(month: string, hourly: readonly HourlyAppUsage[], charges: Charges): ChargedUsage[] {
  const regions = new Map(charges.pricer.deployments.map((d) => [d.name, d.region]));
  const rows: ChargedUsage[] = [];
  for (const r of reservationsIn(month, charges)) {
    const price: Price = {
      atto: attoPerToken(r.price, 1),
      meterId: "",
      meterName: reservationMeterName(r),
      from: r.validFrom,
      per: `PTU and ${r.per}`,
    };
    for (const c of chargeReservation(r, month, hourly)) {
      const row: DailyUsage = {
        day: c.day,
        appId: c.appId,
        deployment: r.deployment,
        model: "",
        region: regions.get(r.deployment) ?? "",
        operation: CAPACITY_OPERATION,
        tokenKinds: 0,
        ...NO_TOKENS,
      };
      // Charged like the deployment's tokens (which names the model), then given its share.
      const covered = charges.charge(row);
      rows.push(chargedRow(row, covered.priced ? { ...covered, atto: c.atto, listAtto: c.atto, prices: [price] } : covered));
    }
  }
  return rows;
}
