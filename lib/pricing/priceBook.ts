import { attoPerToken } from "../core/money";
import { type ContextTier, type MeterSku, readMeter, type ServiceTier, type TokenKind } from "./meterCatalog";
import type { RetailPriceItem } from "./retailPrice";
import { itemAt } from "../core/arrays";

const UNIT_TOKENS: Record<string, number> = { "1K": 1_000, "1M": 1_000_000 };
const DATED = /^(.*)-(\d{4}-\d{2}-\d{2})$/;

/** A price per token, unless `per` names another unit (a reservation is priced per PTU and hour or month). */
export type Price = { atto: bigint; meterId: string; meterName: string; from: string; per?: string; note?: string };
type Key = string;

/** Which of a model's meters: deployment type, service tier and context tier. */
export type MeterTier = { sku: MeterSku; tier: ServiceTier; context: ContextTier };

const keyOf = (modelId: string, { sku, tier, context }: MeterTier, region: string, kind: TokenKind): Key =>
  `${modelId}|${sku}|${tier}|${context}|${region}|${kind}`;

/** Token prices by model, deployment type, region and token kind, each with its history. */
export class PriceBook {
  private readonly prices = new Map<Key, Price[]>();
  private readonly models = new Set<string>();
  /** Which kinds of token each model has a meter for, per deployment type, service tier and region, on any date. */
  private readonly metered = new Set<string>();
  readonly conflicts: string[] = [];

  constructor(
    items: Iterable<RetailPriceItem>,
    readonly currency = "USD",
  ) {
    for (const item of items) this.add(item);
    for (const list of this.prices.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  }

  private add(item: RetailPriceItem): void {
    const unit = UNIT_TOKENS[item.unitOfMeasure];
    if (!unit || item.currencyCode !== this.currency || item.type !== "Consumption") return;
    const reading = readMeter(item);
    if (!("entry" in reading)) return;
    const { modelId, tier, context, kind } = reading.entry;
    const region = item.armRegionName.toLowerCase();
    for (const sku of reading.skus) {
      this.put(keyOf(modelId, { sku, tier, context }, region, kind), modelId, item, unit);
      this.metered.add(`${modelId}|${sku}|${tier}|${region}|${kind}`);
    }
  }

  private put(key: Key, modelId: string, item: RetailPriceItem, unit: number): void {
    const price: Price = {
      atto: attoPerToken(item.retailPrice, unit),
      meterId: item.meterId,
      meterName: item.meterName,
      from: item.effectiveStartDate.slice(0, 10),
    };
    const list = this.prices.get(key) ?? [];
    const same = list.find((p) => p.from === price.from);
    if (same) {
      if (same.atto !== price.atto) this.conflicts.push(`${key} from ${price.from}: ${same.meterName} vs ${price.meterName}`);
      return;
    }
    list.push(price);
    this.prices.set(key, list);
    this.models.add(modelId);
  }

  /** Every price the book uses, with what it prices: for people to check it. */
  entries(): { modelId: string; sku: MeterSku; tier: ServiceTier; context: ContextTier; region: string; kind: TokenKind; price: Price }[] {
    return [...this.prices].flatMap(([key, list]) => {
      // The key is the six parts joined: each is there.
      const parts = key.split("|");
      const part = (i: number) => itemAt(parts, i);
      const [modelId, sku, tier, context, region, kind] = [part(0), part(1), part(2), part(3), part(4), part(5)] as const;
      return list.map((price) => ({
        modelId,
        sku: sku as MeterSku,
        tier: tier as ServiceTier,
        context: context as ContextTier,
        region,
        kind: kind as TokenKind,
        price,
      }));
    });
  }

  /** The price in effect on a UTC day: the latest effective start not after it. */
  lookup(modelId: string, at: MeterTier, region: string, kind: TokenKind, day: string): Price | undefined {
    const list = this.prices.get(keyOf(modelId, at, region.toLowerCase(), kind));
    if (!list) return undefined;
    let found: Price | undefined;
    for (const p of list) {
      if (p.from > day) break;
      found = p;
    }
    return found;
  }

  /** Whether the model has a meter for this kind of token at this tier in the region, on any date and at any context tier. */
  hasMeter(modelId: string, sku: MeterSku, tier: ServiceTier, region: string, kind: TokenKind): boolean {
    return this.metered.has(`${modelId}|${sku}|${tier}|${region.toLowerCase()}|${kind}`);
  }

  /**
   * The catalog's model id for a model name from an event or a deployment: the exact id, the
   * family of a dated name whose price has no version, or the only dated version of a bare family.
   */
  resolveModel(name: string): string | null {
    // OpenAI spells the legacy model "gpt-3.5-turbo", Azure "gpt-35-turbo".
    const model = name
      .trim()
      .toLowerCase()
      .replace(/^gpt-3\.5-/, "gpt-35-");
    if (model === "") return null;
    if (this.models.has(model)) return model;
    const dated = DATED.exec(model);
    if (dated) return this.models.has(itemAt(dated, 1)) ? itemAt(dated, 1) : null;
    const versions = [...this.models].filter((id) => id.startsWith(`${model}-`) && DATED.test(id) && DATED.exec(id)![1] === model);
    const [only, ...others] = versions;
    return others.length === 0 ? (only ?? null) : null;
  }

  get size(): number {
    return this.prices.size;
  }
}
