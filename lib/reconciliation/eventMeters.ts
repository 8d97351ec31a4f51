import { loadChargedUsage } from "../pricing/chargedUsage";
import { METERS_OF_SKU } from "../pricing/deployment";
import { loadCharges } from "../pricing/loadCharges";
import { splitByWeight } from "../pricing/money";
import type { UsageStore } from "../store/port";
import { addTo, addToDay, meterKey, type DayTotals, type MeterTotals } from "./meterKey";

export type EventMeters = { currency: string; byMeter: Map<string, MeterTotals>; byDay: Map<string, DayTotals>; unpricedTokens: Map<string, bigint> };

/**
 * Our side, charged exactly as the reports charge it (loadChargedUsage): each daily rollup split
 * into its token kinds (uncached input, cached input, output), its cost split among them in
 * proportion to their list cost, so the kinds add up to the report's cost to the 10^-18.
 */
export async function loadEventMeters(store: UsageStore, month: string): Promise<EventMeters> {
  const [{ currency, rows }, charges, deployments] = await Promise.all([loadChargedUsage(store, month), loadCharges(store), store.listDeployments()]);
  const byName = new Map(deployments.map((d) => [d.name, d]));
  const byMeter = new Map<string, MeterTotals>();
  const byDay = new Map<string, DayTotals>();
  const unpricedTokens = new Map<string, bigint>();
  for (const row of rows) {
    const deployment = byName.get(row.deployment === "" ? "*" : row.deployment);
    const meters = deployment ? METERS_OF_SKU[deployment.sku] : undefined;
    const sku = !deployment ? "unconfigured" : meters ? `${meters.sku}${meters.batch ? " batch" : ""}` : "provisioned";
    const region = deployment?.region || row.region;
    const model = row.charge.priced ? row.charge.modelId : row.model || deployment?.model || "";
    if (row.operation === "provisioned capacity") {
      addTo(byMeter, { region, model, sku, kind: "capacity" }, 0n, row.charge.priced ? row.charge.atto : 0n, row.deployment);
      continue;
    }
    const kinds = [
      { kind: "input", tokens: row.promptTokens - row.cachedTokens, usage: { promptTokens: row.promptTokens - row.cachedTokens, cachedTokens: 0n, completionTokens: 0n } },
      { kind: "cached", tokens: row.cachedTokens, usage: { promptTokens: row.cachedTokens, cachedTokens: row.cachedTokens, completionTokens: 0n } },
      { kind: "output", tokens: row.completionTokens, usage: { promptTokens: 0n, cachedTokens: 0n, completionTokens: row.completionTokens } },
    ].filter((k) => k.tokens > 0n);
    const list = kinds.map((k) => {
      const c = row.charge.priced ? charges.charge({ ...row, ...k.usage }) : null;
      return c?.priced ? c.listAtto : 0n;
    });
    const atto = row.charge.priced ? splitByWeight(row.charge.atto, list) : kinds.map(() => 0n);
    kinds.forEach((k, i) => {
      const meter = addTo(byMeter, { region, model, sku, kind: k.kind }, k.tokens, atto[i], row.deployment);
      addToDay(byDay, row.day, k.tokens, atto[i]);
      if (!row.charge.priced) unpricedTokens.set(meterKey(meter), (unpricedTokens.get(meterKey(meter)) ?? 0n) + k.tokens);
    });
  }
  return { currency, byMeter, byDay, unpricedTokens };
}
