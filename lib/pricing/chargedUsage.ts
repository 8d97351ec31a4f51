import { monthDays } from "../core/months";
import type { DailyUsage, HourlyAppUsage, UsageStore } from "../store/port";
import { isProvisioned } from "./deployment";
import { loadCharges, type Charge, type Charges } from "./loadCharges";
import { tiersOfKinds } from "./tokenKinds";
import { noDetails } from "./billedTokens";
import { attoPerToken } from "../core/money";
import type { Price } from "./priceBook";
import { chargeReservation } from "./reservationCharges";

export type ChargedUsage = DailyUsage & { charge: Charge };
export type ChargedMonth = { currency: string; rows: ChargedUsage[] };

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
 * tokens), one per app and day, on the reservation's deployment. The tokens of a provisioned
 * deployment are charged nothing themselves, so they are never also paid at pay-as-you-go rates.
 */
export async function loadChargedUsage(store: UsageStore, month: string): Promise<ChargedMonth> {
  const { from, to } = monthDays(month);
  const [usage, charges] = await Promise.all([store.listDailyUsage(from, to), loadCharges(store)]);
  const rows: ChargedUsage[] = usage.map((u) => ({ ...u, charge: charges.charge(u) }));
  rows.push(...(await loadCapacityCharges(store, month, charges)).rows);
  return { currency: charges.currency, rows };
}

/**
 * Each provisioned reservation's cost in the month as rows of its own (see loadChargedUsage), with
 * the hourly usage of the reserved deployments it was shared by.
 */
export async function loadCapacityCharges(store: UsageStore, month: string, charges: Charges): Promise<{ rows: ChargedUsage[]; hourly: HourlyAppUsage[] }> {
  const { from, to } = monthDays(month);
  const [reservations, deployments] = await Promise.all([store.listReservations(), store.listDeployments()]);
  const provisioned = new Map(deployments.filter((d) => isProvisioned(d.sku)).map((d) => [d.name, d]));
  // A reservation in another currency, or of a deployment no longer provisioned, prices nothing:
  // the pricer leaves that deployment's usage unpriced with the reason instead.
  const inMonth = reservations.filter(
    (r) => r.currency === charges.currency && provisioned.has(r.deployment) && r.validFrom < to && (r.validTo === null || r.validTo > from),
  );
  if (inMonth.length === 0) return { rows: [], hourly: [] };
  const hourly = await store.listHourlyUsage(from, to, [...new Set(inMonth.map((r) => r.deployment))]);
  const rows: ChargedUsage[] = [];
  for (const r of inMonth) {
    const price: Price = {
      atto: attoPerToken(r.price, 1),
      meterId: "",
      meterName: `reservation of ${r.deployment}, ${r.units} PTU,`,
      from: r.validFrom,
      per: `PTU and ${r.per}`,
    };
    for (const c of chargeReservation(r, month, hourly)) {
      const row: DailyUsage = {
        day: c.day,
        appId: c.appId,
        deployment: r.deployment,
        model: "",
        region: provisioned.get(r.deployment)!.region,
        operation: "provisioned capacity",
        tokenKinds: 0,
        ...NO_TOKENS,
      };
      // Charged like the deployment's tokens (which names the model), then given its share.
      const covered = charges.charge(row);
      rows.push({ ...row, charge: covered.priced ? { ...covered, atto: c.atto, listAtto: c.atto, prices: [price] } : covered });
    }
  }
  return { rows, hourly };
}
