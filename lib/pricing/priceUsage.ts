import { billedKindsOf, billedTokens, type TokenCounts } from "./billedTokens";
import { DEFAULT_DEPLOYMENT, METERS_OF_SKU, type Deployment } from "./deployment";
import { inEffect } from "../core/effectiveDated";
import { type MeterSku, TOKEN_KINDS, type TokenKind } from "./meterCatalog";
import type { Price, PriceBook } from "./priceBook";
import { chooseRate } from "./chooseRate";
import type { Reservation } from "./reservation";
import { type CallTier, isLongContext } from "./callTier";

/** What pricing needs of a usage fact or of a rollup of facts. */
export type UsageToPrice = TokenCounts & {
  day: string;
  deployment: string;
  model: string;
  region: string;
  /** The tier the call ran at, as the API reported it; absent means standard. */
  serviceTier?: CallTier;
  /** The prompt was over the long-context threshold (callTier.ts): a rollup says so; one call's promptTokens does. */
  longContext?: boolean;
};

// canPrice's key: the bits of the kinds billed (billedKindsOf), and this one for a long-context prompt.
const LONG = 1 << TOKEN_KINDS.length;

/** A deployment's meters, once its model is known; a provisioned deployment's tokens cost nothing per token. */
type Rates = { modelId: string; provisioned?: true; sku: MeterSku; batch: boolean; region: string };
/** The cost, and the prices it used (one per token kind the usage has), for statements to cite. */
export type PricedUsage = { priced: true; atto: bigint; modelId: string; prices: Price[] } | { priced: false; reason: string };

// Rates remembered, one per (deployment, model, region, day) priced: past this many (only in a
// long-running process), start over, with what is remembered per rates.
const MOST_RATES = 10_000;

/**
 * Prices usage with the rates in effect on its day. Pure: the same usage, book and deployments
 * always give the same cost. Rates are memoised per (deployment, model, region, day).
 */
export class UsagePricer {
  private readonly byName: Map<string, Deployment>;
  private readonly rates = new Map<string, Rates | string>();
  private readonly chosen = new Map<Rates, Map<string, Price | string>>();
  /** canPrice's answers per rates, by the call's tier, then by long context and the kinds of token billed. */
  private readonly answers = new Map<Rates, Map<CallTier, Map<number, boolean>>>();

  /** The deployments and reservations it prices by: a month's ledger charges provisioned capacity from the same ones. */
  constructor(
    readonly book: PriceBook,
    readonly deployments: readonly Deployment[],
    readonly reservations: readonly Reservation[] = [],
  ) {
    this.byName = new Map(deployments.map((d) => [d.name, d]));
  }

  price(u: UsageToPrice): PricedUsage {
    const rates = this.ratesOn(u, u.day);
    if (typeof rates === "string") return { priced: false, reason: rates };
    if (rates.provisioned) return { priced: true, atto: 0n, modelId: rates.modelId, prices: [] };
    const tokens = billedTokens(u);
    if (typeof tokens === "string") return { priced: false, reason: tokens };
    let atto = 0n;
    const prices: Price[] = [];
    for (const kind of Object.keys(tokens) as TokenKind[]) {
      if (tokens[kind] === 0n) continue;
      const price = this.rate(rates, u, kind, u.day);
      if (typeof price === "string") return { priced: false, reason: price };
      atto += tokens[kind] * price.atto;
      prices.push(price);
    }
    // An exact-size copy: an array pushed to keeps room for more, ~130 B a row of a month's ledger.
    return { priced: true, atto, modelId: rates.modelId, prices: prices.slice() };
  }

  /**
   * Whether usage can be priced, without the arithmetic: the ingest hot path counts unpriced
   * events. The answer depends on the rates, the tier, long context and which kinds of token are
   * billed, so it is remembered by those: no BigInt per event.
   */
  canPrice(u: Omit<UsageToPrice, "day">, day: string): boolean {
    const rates = this.ratesOn(u, day);
    if (typeof rates === "string") return false;
    if (rates.provisioned) return true;
    const kinds = billedKindsOf(u);
    if (kinds === null) return this.canPriceTokens(rates, u, day);
    if (kinds < 0) return false;
    const tier = this.tierOf(rates, u);
    const key = kinds | (this.isLong(u) ? LONG : 0);
    let byTier = this.answers.get(rates);
    if (!byTier) {
      byTier = new Map();
      this.answers.set(rates, byTier);
    }
    let answers = byTier.get(tier);
    if (!answers) {
      answers = new Map();
      byTier.set(tier, answers);
    }
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = TOKEN_KINDS.every((kind, bit) => (kinds & (1 << bit)) === 0 || typeof this.rate(rates, u, kind, day) !== "string");
      answers.set(key, answer);
    }
    return answer;
  }

  /** canPrice the BigInt way: for counts too large to be exact as numbers. */
  private canPriceTokens(rates: Rates, u: Omit<UsageToPrice, "day">, day: string): boolean {
    const tokens = billedTokens(u);
    if (typeof tokens === "string") return false;
    return (Object.keys(tokens) as TokenKind[]).every((kind) => tokens[kind] === 0n || typeof this.rate(rates, u, kind, day) !== "string");
  }

  private tierOf(rates: Rates, u: Omit<UsageToPrice, "day">): CallTier {
    return rates.batch ? "batch" : (u.serviceTier ?? "standard");
  }

  private isLong(u: Omit<UsageToPrice, "day">): boolean {
    return u.longContext ?? isLongContext(Number(u.promptTokens));
  }

  private rate(rates: Rates, u: Omit<UsageToPrice, "day">, kind: TokenKind, day: string): Price | string {
    const tier = this.tierOf(rates, u);
    const long = this.isLong(u);
    // Memoised per rates (one per deployment, model, region and day): ingest asks for every event.
    let chosen = this.chosen.get(rates);
    if (!chosen) {
      chosen = new Map();
      this.chosen.set(rates, chosen);
    }
    const key = `${tier}|${long}|${kind}|${day}`;
    let price = chosen.get(key);
    if (price === undefined) {
      price = chooseRate(this.book, { modelId: rates.modelId, sku: rates.sku, region: rates.region, tier, long }, kind, day);
      chosen.set(key, price);
    }
    return price;
  }

  private ratesOn(u: Omit<UsageToPrice, "day">, day: string): Rates | string {
    const key = `${u.deployment}|${u.model}|${u.region}|${day}`;
    let rates = this.rates.get(key);
    if (rates === undefined) {
      rates = this.resolve(u, day);
      if (this.rates.size >= MOST_RATES) {
        this.rates.clear();
        this.chosen.clear();
        this.answers.clear();
      }
      this.rates.set(key, rates);
    }
    return rates;
  }

  private resolve(u: Omit<UsageToPrice, "day">, day: string): Rates | string {
    const name = u.deployment === "" ? DEFAULT_DEPLOYMENT : u.deployment;
    const deployment = this.byName.get(name);
    if (!deployment) {
      return u.deployment === "" ? "no default deployment (*) is configured" : `unknown deployment "${u.deployment}"`;
    }
    // The version the response reports is what Azure served (deployments auto-upgrade); the
    // deployment's pinned model stands in when the event names none, or only a bare family.
    const modelId = this.book.resolveModel(u.model) ?? (deployment.model ? this.book.resolveModel(deployment.model) : null);
    const meters = METERS_OF_SKU[deployment.sku];
    const region = deployment.region !== "" ? deployment.region : u.region;
    if (!meters) return this.provisioned(deployment, modelId ?? (u.model || deployment.model || deployment.name), day);
    if (this.book.size === 0)
      return `no ${this.book.currency} prices are imported: run chargeback prices sync --currency ${this.book.currency} (or prices import)`;
    if (!modelId) return `no price catalog entry for model "${deployment.model ?? u.model}"`;
    if (region === "") return `no region for deployment "${deployment.name}"`;
    return { modelId, sku: meters.sku, batch: meters.batch, region };
  }

  /** Never also at pay-as-you-go rates: without a reservation in the report's currency, unpriced. */
  private provisioned(deployment: Deployment, modelId: string, day: string): Rates | string {
    const reservation = this.reservations.find((r) => r.deployment === deployment.name && inEffect(r, day));
    if (!reservation) return `provisioned deployment "${deployment.name}" has no reservation on ${day}: import it with chargeback reservations import`;
    if (reservation.currency !== this.book.currency) {
      return `the reservation of "${deployment.name}" is priced in ${reservation.currency}, reports in ${this.book.currency}`;
    }
    return { modelId, provisioned: true, sku: "global", batch: false, region: deployment.region };
  }
}
