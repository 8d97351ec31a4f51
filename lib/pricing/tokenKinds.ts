import { type CallTier, isLongContext } from "./callTier";
import type { TokenCounts } from "./billedTokens";

// Rollup rows are keyed by what their events need priced, so an event never shares a row with
// one priced differently: pricing stays per event. Bits 1, 2 and 4 are as since the first release.
const INPUT = 1;
const CACHED = 2;
const OUTPUT = 4;
const CACHE_WRITE = 8;
const AUDIO = 16;
const IMAGE = 32;
const TIER: Record<CallTier, number> = { standard: 0, priority: 64, batch: 128, flex: 192 };
const TIER_MASK = 192;
const LONG_CONTEXT = 256;

type KindsSource = { [K in keyof TokenCounts]: number } & { serviceTier?: CallTier };

/** The bit set of one event: token kinds it carries, the tier it ran at and whether its prompt was long-context. */
export function tokenKindsOf(e: KindsSource): number {
  const cached = e.cachedTokens;
  return (
    (e.promptTokens > cached + (e.cacheWriteTokens ?? 0) ? INPUT : 0) |
    (cached > 0 ? CACHED : 0) |
    (e.completionTokens > 0 ? OUTPUT : 0) |
    ((e.cacheWriteTokens ?? 0) > 0 ? CACHE_WRITE : 0) |
    ((e.audioInputTokens ?? 0) + (e.audioOutputTokens ?? 0) > 0 ? AUDIO : 0) |
    ((e.imageInputTokens ?? 0) + (e.imageOutputTokens ?? 0) > 0 ? IMAGE : 0) |
    TIER[e.serviceTier ?? "standard"] |
    (isLongContext(e.promptTokens) ? LONG_CONTEXT : 0)
  );
}

/** The tier a rollup row's calls ran at (rows written before tiers were kept ran at standard). */
function tierOfKinds(kinds: number): CallTier {
  const bits = kinds & TIER_MASK;
  return (Object.keys(TIER) as CallTier[]).find((t) => TIER[t] === bits)!;
}

const isLongContextKinds = (kinds: number) => (kinds & LONG_CONTEXT) !== 0;

/** What a rollup row's tokenKinds says of its calls, as DailyUsage carries it. */
export const tiersOfKinds = (kinds: number): { serviceTier: CallTier; longContext: boolean } => ({
  serviceTier: tierOfKinds(kinds),
  longContext: isLongContextKinds(kinds),
});
