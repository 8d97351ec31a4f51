import type { CallTier } from "./callTier";
import type { ContextTier, MeterSku, ServiceTier, TokenKind } from "./meterCatalog";
import type { Price, PriceBook } from "./priceBook";

export type RateQuery = { modelId: string; sku: MeterSku; region: string; tier: CallTier; long: boolean };

const KIND_LABEL: Record<TokenKind, string> = {
  input: "input",
  cached: "cached input",
  cacheWrite: "cache-write",
  output: "output",
  audioInput: "audio input",
  audioCached: "cached audio input",
  audioOutput: "audio output",
  imageInput: "image input",
  imageCached: "cached image input",
  imageOutput: "image output",
};

/** A model that publishes no cached (or cache-write) price bills those tokens as the input they are. */
const AS_INPUT: Partial<Record<TokenKind, TokenKind>> = { cached: "input", cacheWrite: "input", audioCached: "audioInput", imageCached: "imageInput" };

/**
 * The price of one kind of token of a call, or why there is none. When the model has no meter for
 * exactly this case, the rule that applies is cited in the price's note, so statements show it.
 */
export function chooseRate(book: PriceBook, q: RateQuery, kind: TokenKind, day: string): Price | string {
  if (q.tier === "flex") return `flex processing: Azure publishes no flex meter for ${q.modelId}`;
  const own = tierPrice(book, q, q.tier, kind, day);
  if (own) return own;
  // A meter the model has, but not yet on this day, is a price still to come: never guessed.
  const instead = book.hasMeter(q.modelId, q.sku, q.tier, q.region, kind) ? undefined : AS_INPUT[kind];
  const input = instead && tierPrice(book, q, q.tier, instead, day);
  if (instead && input) {
    const note = `${KIND_LABEL[kind]} tokens at the ${KIND_LABEL[instead]} rate: ${q.modelId} has no ${KIND_LABEL[kind]} meter`;
    return { ...input, note: input.note ? `${input.note}; ${note}` : note };
  }
  return `no ${KIND_LABEL[kind]} price for ${q.modelId} on ${day}`;
}

/**
 * Long context applies only to models with long-context meters (the others bill every prompt
 * alike); priority processing on a model or context tier without a priority meter ran at standard.
 */
function tierPrice(book: PriceBook, q: RateQuery, tier: ServiceTier, kind: TokenKind, day: string): Price | undefined {
  const look = (t: ServiceTier, context: ContextTier) => book.lookup(q.modelId, { sku: q.sku, tier: t, context }, q.region, kind, day);
  const contexts: ContextTier[] = q.long ? ["long", "standard"] : ["standard"];
  for (const context of contexts) {
    const price = look(tier, context);
    if (price) return price;
    if (tier === "priority") {
      const standard = look("standard", context);
      if (standard) return { ...standard, note: `no priority-processing meter${context === "long" ? " for long context" : ""}: charged at the standard rate` };
    }
  }
  return undefined;
}
