import { CAPACITY_OPERATION, type ChargedUsage } from "../pricing/chargedUsage";
import { METERS_OF_SKU, type Deployment } from "../pricing/deployment";
import type { Charges } from "../pricing/charges";
import { splitByWeight } from "../core/money";
import { billedTokens, countsOfKind } from "../pricing/billedTokens";
import { TOKEN_KINDS, type TokenKind } from "../pricing/meterCatalog";
import type { MonthLedger } from "../ledger/monthLedger";
import { addTo, addToDay, meterKey, type DayTotals, type MeterSide, type MeterTotals } from "./meterKey";
import { itemAt } from "../core/arrays";

export type EventMeters = { currency: string; byMeter: Map<string, MeterTotals>; byDay: Map<string, DayTotals>; unpricedTokens: Map<string, bigint> };
export type MeterPart = { meter: MeterSide; tokens: bigint; atto: bigint; priced: boolean };
export type ChargedMonthByMeter = { currency: string; rows: { row: ChargedUsage; parts: MeterPart[] }[] };

/**
 * Our side, charged exactly as the reports charge it (the month's ledger): each daily rollup split
 * into its token kinds (uncached input, cached input, output, cache writes, audio and image), its cost split among them in
 * proportion to their list cost, so the kinds add up to the report's cost to the 10^-18.
 */
export function chargedByMeter({ currency, charged, catalog }: MonthLedger): ChargedMonthByMeter {
  const { charges } = catalog;
  const byName = new Map(charges.pricer.deployments.map((d) => [d.name, d]));
  return { currency, rows: charged.map((row) => ({ row, parts: meterParts(row, byName.get(row.deployment === "" ? "*" : row.deployment), charges) })) };
}

function meterParts(row: ChargedUsage, deployment: Deployment | undefined, charges: Charges): MeterPart[] {
  const meters = deployment ? METERS_OF_SKU[deployment.sku] : undefined;
  const sku = !deployment ? "unconfigured" : meters ? `${meters.sku}${meters.batch ? " batch" : ""}` : "provisioned";
  const region = deployment?.region || row.region;
  const model = row.charge.priced ? row.charge.modelId : row.model || deployment?.model || "";
  const priced = row.charge.priced;
  if (row.operation === CAPACITY_OPERATION)
    return [{ meter: { region, model, sku, kind: "capacity" }, tokens: 0n, atto: row.charge.priced ? row.charge.atto : 0n, priced }];
  // Rollups are of validated events, whose counts agree; were they not, all of it reads as input.
  const billed = billedTokens(row);
  const split: Partial<Record<TokenKind, bigint>> = typeof billed === "string" ? { input: row.totalTokens } : billed;
  const kinds = TOKEN_KINDS.filter((kind) => (split[kind] ?? 0n) > 0n).map((kind) => ({
    kind,
    tokens: split[kind]!,
    usage: countsOfKind(kind, split[kind]!),
  }));
  const list = kinds.map((k) => {
    const c = row.charge.priced ? charges.charge({ ...row, ...k.usage }) : null;
    return c?.priced ? c.listAtto : 0n;
  });
  const atto = row.charge.priced ? splitByWeight(row.charge.atto, list) : kinds.map(() => 0n);
  return kinds.map((k, i) => ({ meter: { region, model, sku, kind: k.kind }, tokens: k.tokens, atto: itemAt(atto, i), priced }));
}

export function eventMeters(ledger: MonthLedger): EventMeters {
  const { currency, rows } = chargedByMeter(ledger);
  const byMeter = new Map<string, MeterTotals>();
  const byDay = new Map<string, DayTotals>();
  const unpricedTokens = new Map<string, bigint>();
  for (const { row, parts } of rows) {
    for (const p of parts) {
      addTo(byMeter, p.meter, p.tokens, p.atto, row.deployment);
      if (p.meter.kind !== "capacity") addToDay(byDay, row.day, p.tokens, p.atto);
      if (!p.priced) unpricedTokens.set(meterKey(p.meter), (unpricedTokens.get(meterKey(p.meter)) ?? 0n) + p.tokens);
    }
  }
  return { currency, byMeter, byDay, unpricedTokens };
}
