/** Upper bounds (ms) of the model-time histogram kept per app and hour; slower calls count as "over". */
export const MODEL_TIME_BUCKETS_MS = [100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 30000, 60000] as const;
export const BUCKET_COLUMNS = [...MODEL_TIME_BUCKETS_MS.map((ms) => `t${ms}`), "tOver"] as const;

export function bucketOf(ms: number): number {
  const i = MODEL_TIME_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? MODEL_TIME_BUCKETS_MS.length : i;
}

/**
 * The bucket bound at or under which `percentile` of the timed calls finished: an upper bound on
 * the true percentile, exact to the bucket. Null without timed calls; Infinity past the last bound.
 */
export function percentileBound(counts: readonly number[], percentile: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(percentile * total);
  let seen = 0;
  for (const [i, count] of counts.entries()) {
    seen += count;
    // The bucket past the last bound has no upper bound.
    if (seen >= rank) return MODEL_TIME_BUCKETS_MS[i] ?? Infinity;
  }
  return Infinity;
}

const HOUR_MS = 3_600_000;

/** "YYYY-MM-DDTHH" of an epoch-ms time, UTC, from its already computed day. */
export const utcHour = (ms: number, day: string) => `${day}T${String(Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS)).padStart(2, "0")}`;
