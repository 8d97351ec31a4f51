/**
 * The counts the rollups add up per key, in the order both stores keep them: the SQLite columns
 * and the Cosmos sheets' packed arrays (rollupSheet.ts), so their order must not change. One list
 * here, so a new count reaches every writer, reader and fold at once.
 */

/** A day's usage row's counts (DailyUsage, DailyDimensionUsage, a sheet's dimension rows); the token details follow them. */
export const USAGE_SUMS = ["requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs"] as const;

/** An hourly row's counts; its model-time buckets follow them. */
export const HOURLY_SUMS = ["requests", "promptTokens", "cachedTokens", "completionTokens", "totalTokens", "timedRequests", "modelTimeMs"] as const;
