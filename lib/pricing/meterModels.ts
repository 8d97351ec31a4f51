// A meter's model words ("gpt-4o-rt-1217", "v3-0324") → the model id deployments and events use
// (Azure's model name and version: "gpt-4o-realtime-preview-2024-12-17", "deepseek-v3-0324").

/** Azure OpenAI meter families whose name differs from the model's (abbreviated, version as MMDD). */
const OPENAI: Record<string, string> = {
  "gpt-4o-0513": "gpt-4o-2024-05-13",
  "gpt-4o-0806": "gpt-4o-2024-08-06",
  "gpt-4o-1120": "gpt-4o-2024-11-20",
  "gpt-4o-mini-0718": "gpt-4o-mini-2024-07-18",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "gpt-4.5-0227": "gpt-4.5-preview-2025-02-27",
  // o1's batch meters name no version; o1 2024-12-17 is the only o1 that has a batch deployment.
  o1: "o1-2024-12-17",
  "o1-1217": "o1-2024-12-17",
  "o1-mini": "o1-mini-2024-09-12",
  "o1-preview": "o1-preview-2024-09-12",
  "o1-pro": "o1-pro-2025-03-19",
  "o3-mini-0131": "o3-mini-2025-01-31",
  "o3-0416": "o3-2025-04-16",
  "o3-pro": "o3-pro-2025-06-10",
  "o3-deep-research-0626": "o3-deep-research-2025-06-26",
  "o4-mini-0416": "o4-mini-2025-04-16",
  "codex-mini": "codex-mini-2025-05-16",
  "gpt-5": "gpt-5-2025-08-07",
  "gpt-5-mini": "gpt-5-mini-2025-08-07",
  "gpt-5-nano": "gpt-5-nano-2025-08-07",
  "gpt-5.2-chat-0210": "gpt-5.2-chat-2026-02-10",
  "gpt-4o-aud-0603": "gpt-4o-audio-preview-2025-06-03",
  "gpt-4o-aud-1217": "gpt-4o-audio-preview-2024-12-17",
  "gpt-4o-mini-aud-1217": "gpt-4o-mini-audio-preview-2024-12-17",
  "gpt-aud-0828": "gpt-audio-2025-08-28",
  "gpt-aud-1.5": "gpt-audio-1.5",
  "gpt-aud-mini": "gpt-audio-mini",
  "gpt-aud-mn-1215": "gpt-audio-mini-2025-12-15",
  "gpt-4o-rt-0603": "gpt-4o-realtime-preview-2025-06-03",
  "gpt-4o-rt-1217": "gpt-4o-realtime-preview-2024-12-17",
  "gpt-4o-mini-rt-1217": "gpt-4o-mini-realtime-preview-2024-12-17",
  // The realtime preview's first version, metered without one ("realtimePrvw", "rtime").
  "gpt-4o-realtime": "gpt-4o-realtime-preview-2024-10-01",
  "gpt-4o-realtime-prvw": "gpt-4o-realtime-preview-2024-10-01",
  "gpt-4o-rtime": "gpt-4o-realtime-preview-2024-10-01",
  "gpt-rt-0828": "gpt-realtime-2025-08-28",
  "gpt-rt-1.5": "gpt-realtime-1.5",
  "gpt-rt-mini": "gpt-realtime-mini",
  "gpt-rt-mn-1215": "gpt-realtime-mini-2025-12-15",
  "gpt-4o-mn-trscb-1215": "gpt-4o-mini-transcribe-2025-12-15",
  "gpt-4o-mn-tts-1215": "gpt-4o-mini-tts-2025-12-15",
  "gpt-4o-tcrb-d": "gpt-4o-transcribe-diarize",
  "gpt-img-1-mini": "gpt-image-1-mini",
  "gpt-img-1.5": "gpt-image-1.5",
  "image-2": "gpt-image-2",
  "embedding-ada": "text-embedding-ada-002",
  // Legacy models: the meters name the context size, deployments the version.
  "gpt-35-turbo-16k-0125": "gpt-35-turbo-0125",
  "gpt-35-turbo-16k-125": "gpt-35-turbo-0125",
  "gpt-35-turbo-16k-1106": "gpt-35-turbo-1106",
  "gpt-35-turbo-16k": "gpt-35-turbo-16k-0613",
  "gpt-35-turbo-4k": "gpt-35-turbo-0613",
  "gpt-35-turbo-instruct": "gpt-35-turbo-instruct-0914",
  "gpt-4-8k": "gpt-4-0613",
  "gpt-4-32k": "gpt-4-32k-0613",
  "gpt-4-turbo-128k": "gpt-4-turbo-2024-04-09",
  "gpt-4-turbo-vision-128k": "gpt-4-vision-preview",
  "computer-use": "computer-use-preview",
};

/** Other Foundry products: the family their meters leave out ("R1" is DeepSeek's, "4.3" Grok's). */
const PREFIX: Record<string, string> = {
  "Azure Deepseek Models": "deepseek",
  "Azure Grok Models": "grok",
  "Azure Kimi": "kimi",
  "Azure Llama Models": "llama",
  "Azure Mistral Models": "mistral",
  "Cohere Models": "cohere",
  "MAI Models": "mai",
  "Azure Phi Models": "phi",
};

/** Families whose meters disagree among themselves ("K2.5 Thinking Inp" but "K2.5 cached"). */
const OTHER: Record<string, string> = {
  "kimi-k2.5-thinking": "kimi-k2.5",
  "kimi-k2.6-thinking": "kimi-k2.6",
  "mistral-codestral": "codestral",
  "deepseek-mai-ds-r1": "mai-ds-r1",
};

/** "05052026" (a meter's MMDDYYYY release) → "2026-05-05". */
const withDates = (family: string) => family.replace(/(^|-)(\d{2})(\d{2})(\d{4})(?=-|$)/g, "$1$4-$2-$3");

export function modelIdOf(words: string[], productName: string): string {
  let family = words.join("-");
  const prefix = PREFIX[productName];
  if (prefix) {
    if (!family.startsWith(prefix)) family = `${prefix}-${family}`;
    return OTHER[family] ?? family;
  }
  if (productName.startsWith("Azure OpenAI") || productName === "") {
    if (/^\d/.test(family)) family = `gpt-${family}`; // "5.4 mini Inp Gl" in the GPT5 product
    family = family.replace(/^gpt(?=\d)/, "gpt-");
  }
  return OPENAI[family] ?? withDates(family);
}
