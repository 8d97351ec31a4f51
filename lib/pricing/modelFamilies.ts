import type { ContextTier, MeterSku, ServiceTier, TokenKind } from "./meterCatalog";
import type { PriceBook } from "./priceBook";

/** A model as the price book prices it: every meter it uses, and what they cover. */
export type ModelFamily = {
  modelId: string;
  skus: MeterSku[];
  tiers: ServiceTier[];
  longContext: boolean;
  kinds: TokenKind[];
  regions: string[];
  meters: string[];
};

/** The price book by model, sorted by model id: for an admin to see what each model is billed on. */
export function listModelFamilies(book: PriceBook): ModelFamily[] {
  const families = new Map<
    string,
    { skus: Set<MeterSku>; tiers: Set<ServiceTier>; contexts: Set<ContextTier>; kinds: Set<TokenKind>; regions: Set<string>; meters: Set<string> }
  >();
  for (const e of book.entries()) {
    let f = families.get(e.modelId);
    if (!f) {
      f = { skus: new Set(), tiers: new Set(), contexts: new Set(), kinds: new Set(), regions: new Set(), meters: new Set() };
      families.set(e.modelId, f);
    }
    f.skus.add(e.sku);
    f.tiers.add(e.tier);
    f.contexts.add(e.context);
    f.kinds.add(e.kind);
    f.regions.add(e.region);
    f.meters.add(e.price.meterName);
  }
  return [...families]
    .map(([modelId, f]) => ({
      modelId,
      skus: [...f.skus].sort(),
      tiers: [...f.tiers].sort(),
      longContext: f.contexts.has("long"),
      kinds: [...f.kinds].sort(),
      regions: [...f.regions].sort(),
      meters: [...f.meters].sort(),
    }))
    .sort((a, b) => a.modelId.localeCompare(b.modelId));
}
