/** The service tier a call ran at. The APIs report "default" (or "auto") for standard processing. */
export const CALL_TIERS = ["standard", "priority", "batch", "flex"] as const;
export type CallTier = (typeof CALL_TIERS)[number];

const REPORTED: Record<string, CallTier> = { default: "standard", auto: "standard", standard: "standard", priority: "priority", batch: "batch", flex: "flex" };

/** A `service_tier` as an API response or a gateway reports it, or null when it is none we know. */
export const callTierOf = (reported: string): CallTier | null => REPORTED[reported.trim().toLowerCase()] ?? null;

/**
 * Prompts over this many tokens are billed on a model's long-context meters ("LongCo"): OpenAI
 * documents 272K for GPT-5.4 and later, the only models whose long-context meters are priced.
 */
const LONG_CONTEXT_PROMPT_TOKENS = 272_000;
export const isLongContext = (promptTokens: number) => promptTokens > LONG_CONTEXT_PROMPT_TOKENS;
