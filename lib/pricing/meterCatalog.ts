// Retail Prices meter names are irregular ("gpt-4o-0806-Inp-glbl", "gpt 4o 0806 cached Inp glbl",
// "GPT 5 Mini cchd Inpt DZone 1M"), so each name is read word by word into a catalog key.

export type MeterSku = "global" | "datazone" | "regional";
export type TokenKind = "input" | "cached" | "output";

export type MeterEntry = { modelId: string; sku: MeterSku; batch: boolean; kind: TokenKind };
export type MeterReading = { entry: MeterEntry } | { skipped: string };

const KIND: Record<string, TokenKind> = {
  cached: "cached",
  cchd: "cached",
  cd: "cached",
  ccchd: "cached",
  cched: "cached",
  inp: "input",
  input: "input",
  inpt: "input",
  outp: "output",
  output: "output",
  opt: "output",
  out: "output",
  outpt: "output",
};
const SKU: Record<string, MeterSku> = {
  glbl: "global",
  global: "global",
  gl: "global",
  dz: "datazone",
  dzone: "datazone",
  dzn: "datazone",
  datazone: "datazone",
  regnl: "regional",
  regional: "regional",
  rgnl: "regional",
  regn: "regional",
};

/** Meter families we deliberately do not price yet, each with the reason a reader gets. */
const SKIPPED: [RegExp, string][] = [
  [/^(ft|training|trng|grader|grdr|mdl|mdel|dev)$/, "fine-tuning meter"],
  [/^(rtime|rt|tts|trscb|tcrb|transcribe)$|^realtime|^aud/, "audio or realtime meter"],
  [/^(image|img|dalle|sora)/, "image or video meter"],
  [/^pp$|^priority$/, "priority processing meter"],
  [/^(longco|shortco)$/, "context-length tier meter"],
  [/^(wr|std)$/, "cache-write or tiered meter"],
];

/** Meter model words → the model id events and deployments use (versions as Azure names them). */
const MODEL_IDS: Record<string, string> = {
  "gpt-4o-0513": "gpt-4o-2024-05-13",
  "gpt-4o-0806": "gpt-4o-2024-08-06",
  "gpt-4o-1120": "gpt-4o-2024-11-20",
  "gpt-4o-mini-0718": "gpt-4o-mini-2024-07-18",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "gpt-4.5-0227": "gpt-4.5-preview-2025-02-27",
  "o3-mini-0131": "o3-mini-2025-01-31",
  "o3-0416": "o3-2025-04-16",
  "o4-mini-0416": "o4-mini-2025-04-16",
  "gpt-5": "gpt-5-2025-08-07",
  "gpt-5-mini": "gpt-5-mini-2025-08-07",
  "gpt-5-nano": "gpt-5-nano-2025-08-07",
  "embedding-ada": "text-embedding-ada-002",
};

/** Reads one Azure OpenAI token meter name; models without a known version keep their family name. */
export function readMeterName(meterName: string): MeterReading {
  const words = meterName
    .replace(/\s+1M\s+Tokens$|\s+Tokens$/i, "")
    .toLowerCase()
    .replace(/mini(\d{4})/g, "mini $1")
    .replace(/batchoutp/g, "batch outp")
    .replace(/data\s*zone/g, "datazone")
    .split(/[\s_-]+/)
    .filter((w) => w !== "");
  for (const word of words) {
    const skip = SKIPPED.find(([pattern]) => pattern.test(word));
    if (skip) return { skipped: skip[1] };
  }
  let kind: TokenKind | undefined;
  let sku: MeterSku | undefined;
  let batch = false;
  const modelWords: string[] = [];
  for (const word of words) {
    if (word === "batch") batch = true;
    else if (SKU[word]) sku = SKU[word];
    else if (KIND[word]) kind = kind === "cached" ? "cached" : KIND[word];
    else modelWords.push(word);
  }
  let family = modelWords.join("-");
  if (/^\d/.test(family)) family = `gpt-${family}`; // "5.4 mini Inp Gl" in the GPT5 product
  family = family.replace(/^gpt(?=\d)/, "gpt-"); // "gpt4o" → "gpt-4o"
  if (!kind && /embedding/.test(family)) kind = "input";
  if (!sku || !kind || family === "") return { skipped: "not a recognised token meter" };
  return { entry: { modelId: MODEL_IDS[family] ?? family, sku, batch, kind } };
}
