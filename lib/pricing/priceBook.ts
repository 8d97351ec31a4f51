import { attoPerToken } from "../core/money";
import { readMeterName, type MeterSku, type TokenKind } from "./meterCatalog";
import type { RetailPriceItem } from "./retailPrice";

const UNIT_TOKENS: Record<string, number> = { "1K": 1_000, "1M": 1_000_000 };
const DATED = /^(.*)-(\d{4}-\d{2}-\d{2})$/;

/** A price per token, unless `per` names another unit (a reservation is priced per PTU and hour or month). */
export type Price = { atto: bigint; meterId: string; meterName: string; from: string; per?: string };
type Key = string;

const keyOf = (modelId: string, sku: MeterSku, batch: boolean, region: string, kind: TokenKind): Key =>
  `${modelId}|${sku}|${batch ? "batch" : "std"}|${region}|${kind}`;

/** Token prices by model, deployment type, region and token kind, each with its history. */
export class PriceBook {
  private readonly prices = new Map<Key, Price[]>();
  private readonly models = new Set<string>();
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
    if (!item.productName.startsWith("Azure OpenAI")) return;
    const reading = readMeterName(item.meterName);
    if (!("entry" in reading)) return;
    const { modelId, sku, batch, kind } = reading.entry;
    const key = keyOf(modelId, sku, batch, item.armRegionName.toLowerCase(), kind);
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
  entries(): { modelId: string; sku: string; batch: boolean; region: string; kind: string; price: Price }[] {
    return [...this.prices].flatMap(([key, list]) => {
      const [modelId, sku, batch, region, kind] = key.split("|");
      return list.map((price) => ({ modelId, sku, batch: batch === "batch", region, kind, price }));
    });
  }

  /** The price in effect on a UTC day: the latest effective start not after it. */
  lookup(modelId: string, sku: MeterSku, batch: boolean, region: string, kind: TokenKind, day: string): Price | undefined {
    const list = this.prices.get(keyOf(modelId, sku, batch, region.toLowerCase(), kind));
    if (!list) return undefined;
    let found: Price | undefined;
    for (const p of list) {
      if (p.from > day) break;
      found = p;
    }
    return found;
  }

  /**
   * The catalog's model id for a model name from an event or a deployment: the exact id, the
   * family of a dated name whose price has no version, or the only dated version of a bare family.
   */
  resolveModel(name: string): string | null {
    const model = name.trim().toLowerCase();
    if (model === "") return null;
    if (this.models.has(model)) return model;
    const dated = DATED.exec(model);
    if (dated) return this.models.has(dated[1]) ? dated[1] : null;
    const versions = [...this.models].filter((id) => id.startsWith(`${model}-`) && DATED.test(id) && DATED.exec(id)![1] === model);
    return versions.length === 1 ? versions[0] : null;
  }

  get size(): number {
    return this.prices.size;
  }
}
