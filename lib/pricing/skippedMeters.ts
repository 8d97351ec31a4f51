// Meters Chargeback does not price, each with the product decision a reader of `prices catalog` gets.

/** Every reason a meter is deliberately not priced. */
export const SKIP_REASONS = {
  provisioned: "provisioned throughput (PTU): billed by reservation, imported with chargeback reservations import",
  hosting: "fine-tuned deployment hosting hours: a fixed hourly cost of the deployment, not of calls",
  training: "fine-tuning training: billed per training job, which does not pass the gateway",
  grader: "fine-tuning grader tokens: billed to the training job, not to gateway calls",
  fineTuned: "fine-tuned model tokens: a deployment cannot be marked fine-tuned yet, so its calls are priced as unknown models",
  managedCompute: "managed compute: billed per VM hour of the deployment, not per call",
  images: "images billed per image or megapixel: gateway events carry token counts only",
  video: "video generation billed per second of video: gateway events carry token counts only",
  pages: "document AI and OCR billed per page: gateway events carry token counts only",
  search: "rerank billed per search: gateway events carry token counts only",
  characters: "text to speech billed per character: gateway events carry token counts only",
  tools: "assistant tools (file search, code interpreter) billed per call, GB-day or session: not reported in call usage",
  audioHours: "speech billed per hour of audio: gateway events carry token counts only",
  legacy: "legacy meter naming no deployment type: superseded by the model's regional meters",
  unversionedBatch: "gpt-35-turbo batch meter naming no model version: gpt-35-turbo batch calls are priced on the versioned (0125) batch meters",
  anonymous: "names no model, token kind or deployment type (MAI o … z): nothing a call reports matches it",
  grokLong: "Grok 4.3 long-context tier: xAI publishes no prompt-size threshold with it, so Grok 4.3 calls are priced at its standard meters",
} as const;

/** Meters Azure may add that no rule here reads: `prices catalog` lists them so someone writes one. */
export const UNREAD = "not read: a meter of a kind no rule prices or skips yet";

const NON_TOKEN: [RegExp, string][] = [
  [/provisioned/i, SKIP_REASONS.provisioned],
  [/hosting|hstng/i, SKIP_REASONS.hosting],
  [/training|trng/i, SKIP_REASONS.training],
  [/^mngd /i, SKIP_REASONS.managedCompute],
  [/ (images|megapixel)$/i, SKIP_REASONS.images],
  [/ (video|second)$/i, SKIP_REASONS.video],
  [/ pages$/i, SKIP_REASONS.pages],
  [/ search$/i, SKIP_REASONS.search],
  [/ characters$/i, SKIP_REASONS.characters],
  [/ (calls|gb|session)$/i, SKIP_REASONS.tools],
  [/whisper|translate/i, SKIP_REASONS.audioHours],
];

/** Why a meter that is not priced per 1K or 1M tokens is skipped, or null for a token meter. */
export function skippedNonToken(meterName: string, productName: string, unitOfMeasure: string | undefined): string | null {
  const perTokens = / Tokens$/i.test(meterName) && (unitOfMeasure === undefined || unitOfMeasure === "1K" || unitOfMeasure === "1M");
  if (perTokens) return null;
  if (productName === "Managed Compute") return SKIP_REASONS.managedCompute;
  return NON_TOKEN.find(([pattern]) => pattern.test(meterName))?.[1] ?? UNREAD;
}

const FINE_TUNED = /(^|[\s_-])(ft|rft|finetuned)([\s_-]|$)|ftregnl/i;

/** Why a per-token meter is deliberately not priced, or null when it prices gateway calls. */
export function skippedTokenMeter(meterName: string, productName: string): string | null {
  if (/training|trng/i.test(meterName)) return SKIP_REASONS.training;
  if (/grader|grdr/i.test(meterName)) return SKIP_REASONS.grader;
  if (FINE_TUNED.test(meterName)) return SKIP_REASONS.fineTuned;
  if (/^gpt-35-trb16K-Batch-(Inp|Outp)/.test(meterName)) return SKIP_REASONS.unversionedBatch;
  if (/^Az-/.test(meterName)) return SKIP_REASONS.legacy;
  if (productName === "MAI Models" && /^MAI [a-z] Tokens$/.test(meterName)) return SKIP_REASONS.anonymous;
  if (productName === "Azure Grok Models" && / L Tokens$/.test(meterName)) return SKIP_REASONS.grokLong;
  return null;
}
