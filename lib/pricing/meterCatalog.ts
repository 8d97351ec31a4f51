// Retail Prices meter names are irregular ("gpt-4o-0806-Inp-glbl", "5.6 sol ShortCo Cd Wr PP DZ 1M",
// "MAI-DS-R1 Inp glbl"), so each name is read word by word into what it prices: a model, a
// deployment type, a tier and a kind of token. Whatever is not a per-token price of a call through
// the gateway is skipped with the reason, so every meter Azure publishes is accounted for.
import { CACHED, MODALITY, type MeterSku, type Modality, SIDE, SKU, type Side, TIER_WORDS, WRITE } from "./meterWords";
import { modelIdOf } from "./meterModels";
import { skippedNonToken, skippedTokenMeter, UNREAD } from "./skippedMeters";

export type { MeterSku } from "./meterWords";

/** Every kind of token a meter prices; cached and audio/image kinds are parts of the prompt, audio/image output parts of the completion. */
export const TOKEN_KINDS = [
  "input",
  "cached",
  "cacheWrite",
  "output",
  "audioInput",
  "audioCached",
  "audioOutput",
  "imageInput",
  "imageCached",
  "imageOutput",
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Standard pay-as-you-go, priority processing, or batch. */
export type ServiceTier = "standard" | "priority" | "batch";
/** Long-context meters price every token of a call whose prompt is over the model's threshold. */
export type ContextTier = "standard" | "long";

export type MeterEntry = { modelId: string; sku: MeterSku; batch: boolean; tier: ServiceTier; context: ContextTier; kind: TokenKind };
export type MeterReading = { entry: MeterEntry; skus: MeterSku[] } | { skipped: string };

/** What a meter is named and sold as: enough to read it. */
export type MeterName = { meterName: string; productName?: string; unitOfMeasure?: string };

const KINDS: Record<Modality, Record<"input" | "cached" | "output", TokenKind>> = {
  text: { input: "input", cached: "cached", output: "output" },
  audio: { input: "audioInput", cached: "audioCached", output: "audioOutput" },
  image: { input: "imageInput", cached: "imageCached", output: "imageOutput" },
};
const PAY_AS_YOU_GO: [MeterSku, ...MeterSku[]] = ["global", "datazone", "regional"];

/** Splits the glued and hyphenated forms into words ("gpt4omini-aud1217" → gpt 4o mini aud 1217). */
function wordsOf(meterName: string): string[] {
  return meterName
    .replace(/\s+(1M\s+)?Tokens$/i, "")
    .toLowerCase()
    .replace(/realtimeprvw(aud|txt)(inp|outp)/g, "realtime prvw $1 $2")
    .replace(/realtimeprvw/g, "realtime prvw")
    .replace(/\b(aud|txt)(\d{4})\b/g, "$1 $2")
    .replace(/gpt4omini/g, "gpt 4o mini")
    .replace(/gpt4o/g, "gpt 4o")
    .replace(/mini(\d{4})/g, "mini $1")
    .replace(/batchoutp/g, "batch outp")
    .replace(/data\s*zone/g, "datazone")
    .replace(/deepseekv/g, "deepseek v")
    .replace(/\b(?:turbo|trb)(\d+k)\b/g, "turbo $1")
    .replace(/\bgrok4\b/g, "grok 4")
    .split(/[\s_-]+/)
    .filter((w) => w !== "");
}

/**
 * Reads one meter. A meter naming no deployment type (the Phi models') prices every
 * pay-as-you-go type: `skus` lists those the price applies to.
 */
export function readMeter({ meterName, productName = "", unitOfMeasure }: MeterName): MeterReading {
  const nonToken = skippedNonToken(meterName, productName, unitOfMeasure);
  if (nonToken) return { skipped: nonToken };
  const skip = skippedTokenMeter(meterName, productName);
  if (skip) return { skipped: skip };
  const words = wordsOf(meterName);
  let side: Side | undefined;
  let cached = false;
  let write = false;
  let sku: MeterSku | undefined;
  let tier: ServiceTier = "standard";
  let context: ContextTier = "standard";
  const modalities: Modality[] = [];
  const modelWords: string[] = [];
  for (const [i, word] of words.entries()) {
    if (SIDE[word]) side = side ?? SIDE[word];
    else if (CACHED.has(word)) cached = true;
    else if (WRITE.has(word)) write = true;
    else if (SKU[word]) sku = SKU[word];
    else if (TIER_WORDS.has(word)) {
      if (word === "batch") tier = "batch";
      else if (word === "pp" || word === "priority") tier = "priority";
      else if (word === "longco" || word === "l") context = "long";
    } else if (MODALITY[word] && !namesModel(word, words, i)) modalities.push(MODALITY[word]);
    else {
      // "gpt aud 0828 Inp" is gpt-audio's audio meter; its text meter says "txt" as well.
      if (MODALITY[word] === "audio") modalities.push("audio");
      modelWords.push(word);
    }
  }
  if (!side && cached) side = "input";
  if (!side && modelWords.some((w) => w.includes("embedding") || w === "embed")) side = "input";
  if (!side || modelWords.length === 0) return { skipped: UNREAD };
  // An image model's output is the image unless the meter says text ("gpt img 1.5 out txt").
  const imageModel = modelWords.includes("image") || (modelWords[0] === "gpt" && modelWords[1] === "img");
  const fallback: Modality = imageModel && side === "output" ? "image" : "text";
  const modality: Modality = modalities.includes("text") ? "text" : (modalities.find((m) => m !== "text") ?? fallback);
  const kind: TokenKind = write ? "cacheWrite" : KINDS[modality][cached ? "cached" : side];
  const modelId = modelIdOf(modelWords, productName);
  const skus: [MeterSku, ...MeterSku[]] = sku ? [sku] : PAY_AS_YOU_GO;
  return { entry: { modelId, sku: skus[0], batch: tier === "batch", tier, context, kind }, skus };
}

/** "text embedding", "gpt img 1", "Image 2 txt inp", "gpt aud 0828", "gpt4omini-aud1217": the word names the model, not the tokens' modality. */
function namesModel(word: string, words: string[], i: number): boolean {
  const [previous, next] = [words[i - 1], words[i + 1]];
  if (MODALITY[word] === "text") return next === "embedding";
  if (MODALITY[word] === "image") return previous === "gpt" || (i === 0 && next !== undefined && /^\d/.test(next));
  if (MODALITY[word] === "audio") {
    const realtime = words.some((w) => w === "rt" || w === "realtime" || w === "rtime");
    return previous === "gpt" || (!realtime && (previous === "4o" || previous === "mini"));
  }
  return false;
}

/** Reads a meter by its name alone (an invoice row names no product): Azure OpenAI's names. */
export function readMeterName(meterName: string): MeterReading {
  return readMeter({ meterName });
}
