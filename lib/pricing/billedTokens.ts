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
  cacheWriteTokens?: number | bigint;
  audioInputTokens?: number | bigint;
  audioCachedTokens?: number | bigint;
  audioOutputTokens?: number | bigint;
  imageInputTokens?: number | bigint;
  imageCachedTokens?: number | bigint;
  imageOutputTokens?: number | bigint;
};

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
  if (audioInput < 0n) return "cached audio tokens exceed audio input tokens";
  if (imageInput < 0n) return "cached image tokens exceed image input tokens";
  if (cached < 0n) return "cached audio and image tokens exceed cached tokens";
  if (input < 0n) return "cached, cache-write, audio and image input tokens exceed prompt tokens";
  if (output < 0n) return "audio and image output tokens exceed completion tokens";
  return { input, cached, cacheWrite, output, audioInput, audioCached, audioOutput, imageInput, imageCached, imageOutput };
}
