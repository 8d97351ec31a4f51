import type { TokenKind } from "./meterCatalog";

/**
 * The token counts a call reports, as Azure's usage objects nest them: `promptTokens` holds every
 * input token (cached, cache writes, audio and image ones included), `cachedTokens` every cached
 * one (cached audio and image included), `completionTokens` every output token (audio and image
 * output included). Details a shape does not report are 0.
 */
export type TokenCounts = {
  promptTokens: number | bigint;
  cachedTokens: number | bigint;
  completionTokens: number | bigint;
} & Partial<Record<TokenDetail, number | bigint>>;

/** The details of the totals, each a part of promptTokens, cachedTokens or completionTokens. */
export const TOKEN_DETAILS = [
  "cacheWriteTokens",
  "audioInputTokens",
  "audioCachedTokens",
  "audioOutputTokens",
  "imageInputTokens",
  "imageCachedTokens",
  "imageOutputTokens",
] as const;
export type TokenDetail = (typeof TOKEN_DETAILS)[number];

export type BilledTokens = Record<TokenKind, bigint>;

const n = (v: number | bigint | undefined) => BigInt(v ?? 0);

/** Each billed kind of token, each counted once; or why the counts contradict each other. */
export function billedTokens(c: TokenCounts): BilledTokens | string {
  const audioCached = n(c.audioCachedTokens);
  const imageCached = n(c.imageCachedTokens);
  const audioInput = n(c.audioInputTokens) - audioCached;
  const imageInput = n(c.imageInputTokens) - imageCached;
  const cached = n(c.cachedTokens) - audioCached - imageCached;
  const cacheWrite = n(c.cacheWriteTokens);
  const audioOutput = n(c.audioOutputTokens);
  const imageOutput = n(c.imageOutputTokens);
  const input = n(c.promptTokens) - cached - audioCached - imageCached - cacheWrite - audioInput - imageInput;
  const output = n(c.completionTokens) - audioOutput - imageOutput;
  if (audioInput < 0n) return `cached audio tokens (${audioCached}) exceed audio input tokens (${audioInput + audioCached})`;
  if (imageInput < 0n) return `cached image tokens (${imageCached}) exceed image input tokens (${imageInput + imageCached})`;
  if (cached < 0n) return `cached audio and image tokens (${audioCached + imageCached}) exceed cached tokens (${n(c.cachedTokens)})`;
  if (input < 0n) return `cached, cache-write, audio and image input tokens (${n(c.promptTokens) - input}) exceed prompt tokens (${n(c.promptTokens)})`;
  if (output < 0n) return `audio and image output tokens (${audioOutput + imageOutput}) exceed completion tokens (${n(c.completionTokens)})`;
  return { input, cached, cacheWrite, output, audioInput, audioCached, audioOutput, imageInput, imageCached, imageOutput };
}

// Counts up to this stay exact as numbers through billedKindsOf's sums and differences (< 2^53).
const EXACT_AS_NUMBER = 2 ** 49;
const exact = (v: number | bigint | undefined): v is number | undefined => v === undefined || (typeof v === "number" && v <= EXACT_AS_NUMBER);

/**
 * What billedTokens finds, without its BigInts: a bit per kind above 0 (bit i for TOKEN_KINDS[i]),
 * -1 where the counts contradict each other, null for a count too large to be exact as a number
 * (call billedTokens). For the ingest hot path, which only asks whether an event can be priced.
 */
export function billedKindsOf(c: TokenCounts): number | null {
  const { promptTokens: prompt, cachedTokens: cachedAll, completionTokens: completion } = c;
  if (!exact(prompt) || !exact(cachedAll) || !exact(completion)) return null;
  const { audioCachedTokens: ac, imageCachedTokens: ic, audioInputTokens: ai, imageInputTokens: ii } = c;
  const { cacheWriteTokens: cw, audioOutputTokens: ao, imageOutputTokens: io } = c;
  if (!exact(ac) || !exact(ic) || !exact(ai) || !exact(ii) || !exact(cw) || !exact(ao) || !exact(io)) return null;
  const audioCached = ac ?? 0;
  const imageCached = ic ?? 0;
  const audioInput = (ai ?? 0) - audioCached;
  const imageInput = (ii ?? 0) - imageCached;
  const cached = cachedAll - audioCached - imageCached;
  const cacheWrite = cw ?? 0;
  const audioOutput = ao ?? 0;
  const imageOutput = io ?? 0;
  const input = prompt - cached - audioCached - imageCached - cacheWrite - audioInput - imageInput;
  const output = completion - audioOutput - imageOutput;
  if (audioInput < 0 || imageInput < 0 || cached < 0 || input < 0 || output < 0) return -1;
  // In TOKEN_KINDS order: input, cached, cacheWrite, output, audioInput, audioCached, audioOutput, imageInput, imageCached, imageOutput.
  return (
    (input > 0 ? 1 : 0) |
    (cached > 0 ? 2 : 0) |
    (cacheWrite > 0 ? 4 : 0) |
    (output > 0 ? 8 : 0) |
    (audioInput > 0 ? 16 : 0) |
    (audioCached > 0 ? 32 : 0) |
    (audioOutput > 0 ? 64 : 0) |
    (imageInput > 0 ? 128 : 0) |
    (imageCached > 0 ? 256 : 0) |
    (imageOutput > 0 ? 512 : 0)
  );
}

/** Every detail at 0: usage rows that carry none (capacity and overhead rows, rollups of old events). */
export const noDetails = (): Record<TokenDetail, bigint> => Object.fromEntries(TOKEN_DETAILS.map((d) => [d, 0n])) as Record<TokenDetail, bigint>;

/** The counts of `n` tokens of one kind alone, every other count 0: to price one kind of a rollup apart. */
export function countsOfKind(kind: TokenKind, n: bigint): Required<{ [K in keyof TokenCounts]: bigint }> {
  const counts = { promptTokens: 0n, cachedTokens: 0n, completionTokens: 0n, ...noDetails() };
  const output = kind === "output" || kind === "audioOutput" || kind === "imageOutput";
  if (output) counts.completionTokens = n;
  else counts.promptTokens = n;
  if (kind === "cached" || kind === "audioCached" || kind === "imageCached") counts.cachedTokens = n;
  const detail: Partial<Record<TokenKind, TokenDetail[]>> = {
    cacheWrite: ["cacheWriteTokens"],
    audioInput: ["audioInputTokens"],
    audioCached: ["audioInputTokens", "audioCachedTokens"],
    audioOutput: ["audioOutputTokens"],
    imageInput: ["imageInputTokens"],
    imageCached: ["imageInputTokens", "imageCachedTokens"],
    imageOutput: ["imageOutputTokens"],
  };
  for (const d of detail[kind] ?? []) counts[d] = n;
  return counts;
}
