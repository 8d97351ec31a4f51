import { DEFAULT_DEPLOYMENT, METERS_OF_SKU, type Deployment } from "./deployment";
import { inEffect } from "../core/effectiveDated";
import type { Price, PriceBook } from "./priceBook";
import type { Reservation } from "./reservation";

/** What pricing needs of a usage fact or of a rollup of facts. */
export type UsageToPrice = {
  day: string;
  deployment: string;
  model: string;
  region: string;
  promptTokens: number | bigint;
  cachedTokens: number | bigint;
  completionTokens: number | bigint;
};

/** A provisioned deployment's tokens cost nothing per token: its reservation's fixed cost is shared out. */
export type Rates = { modelId: string; provisioned?: true; input?: Price; cached?: Price; output?: Price };
/** The cost, and the prices it used (one per token kind the usage has), for statements to cite. */
export type PricedUsage = { priced: true; atto: bigint; modelId: string; prices: Price[] } | { priced: false; reason: string };

/**
 * Prices usage with the rates in effect on its day. Pure: the same usage, book and deployments
 * always give the same cost. Rates are memoised per (deployment, model, region, day).
 */
export class UsagePricer {
  private readonly deployments: Map<string, Deployment>;
  private readonly rates = new Map<string, Rates | string>();

  constructor(
    readonly book: PriceBook,
    deployments: Iterable<Deployment>,
    private readonly reservations: readonly Reservation[] = [],
  ) {
    this.deployments = new Map([...deployments].map((d) => [d.name, d]));
  }

  price(u: UsageToPrice): PricedUsage {
    const rates = this.ratesOn(u, u.day);
    if (typeof rates === "string") return { priced: false, reason: rates };
    if (rates.provisioned) return { priced: true, atto: 0n, modelId: rates.modelId, prices: [] };
    const cached = BigInt(u.cachedTokens);
    const input = BigInt(u.promptTokens) - cached;
    const output = BigInt(u.completionTokens);
    let atto = 0n;
    const prices: Price[] = [];
    for (const [tokens, price, kind] of [
      [input, rates.input, "input"],
      [cached, rates.cached, "cached input"],
      [output, rates.output, "output"],
    ] as const) {
      if (tokens === 0n) continue;
      if (!price) return { priced: false, reason: `no ${kind} price for ${rates.modelId} on ${u.day}` };
      atto += tokens * price.atto;
      prices.push(price);
    }
    return { priced: true, atto, modelId: rates.modelId, prices };
  }

  /** Whether usage can be priced, without the arithmetic: the ingest hot path counts unpriced events. */
  canPrice(u: Omit<UsageToPrice, "day">, day: string): boolean {
    const rates = this.ratesOn(u, day);
    if (typeof rates === "string") return false;
    if (rates.provisioned) return true;
    const cached = Number(u.cachedTokens);
    return (
      (Number(u.promptTokens) - cached === 0 || rates.input !== undefined) &&
      (cached === 0 || rates.cached !== undefined) &&
      (Number(u.completionTokens) === 0 || rates.output !== undefined)
    );
  }

  private ratesOn(u: Omit<UsageToPrice, "day">, day: string): Rates | string {
    const key = `${u.deployment}|${u.model}|${u.region}|${day}`;
    let rates = this.rates.get(key);
    if (rates === undefined) {
      rates = this.resolve(u, day);
      this.rates.set(key, rates);
    }
    return rates;
  }

  private resolve(u: Omit<UsageToPrice, "day">, day: string): Rates | string {
    const name = u.deployment === "" ? DEFAULT_DEPLOYMENT : u.deployment;
    const deployment = this.deployments.get(name);
    if (!deployment) {
      return u.deployment === "" ? "no default deployment (*) is configured" : `unknown deployment "${u.deployment}"`;
    }
    // The version the response reports is what Azure served (deployments auto-upgrade); the
    // deployment's pinned model stands in when the event names none, or only a bare family.
    const modelId = this.book.resolveModel(u.model) ?? (deployment.model ? this.book.resolveModel(deployment.model) : null);
    const meters = METERS_OF_SKU[deployment.sku];
    if (!meters) return this.provisioned(deployment, modelId ?? (u.model || deployment.model || deployment.name), day);
    if (this.book.size === 0)
      return `no ${this.book.currency} prices are imported: run chargeback prices sync --currency ${this.book.currency} (or prices import)`;
    if (!modelId) return `no price catalog entry for model "${deployment.model ?? u.model}"`;
    const region = deployment.region !== "" ? deployment.region : u.region;
    if (region === "") return `no region for deployment "${deployment.name}"`;
    const at = (kind: "input" | "cached" | "output") => this.book.lookup(modelId, meters.sku, meters.batch, region, kind, day);
    return { modelId, input: at("input"), cached: at("cached"), output: at("output") };
  }

  /** Never also at pay-as-you-go rates: without a reservation in the report's currency, unpriced. */
  private provisioned(deployment: Deployment, modelId: string, day: string): Rates | string {
    const reservation = this.reservations.find((r) => r.deployment === deployment.name && inEffect(r, day));
    if (!reservation) return `provisioned deployment "${deployment.name}" has no reservation on ${day}: import it with chargeback reservations import`;
    if (reservation.currency !== this.book.currency) {
      return `the reservation of "${deployment.name}" is priced in ${reservation.currency}, reports in ${this.book.currency}`;
    }
    return { modelId, provisioned: true };
  }
}
