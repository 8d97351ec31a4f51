import type { UsageEvent } from "../../events/usageEvent";
import { TOKEN_DETAILS, type TokenDetail } from "../../pricing/billedTokens";

// Read once: the CLI runs as CommonJS (tsx), where each use of an imported name calls a getter,
// and these loops read it twice per detail for every event.
const DETAILS: readonly TokenDetail[] = TOKEN_DETAILS;

/** Rollup rows by their key: the key's columns first, then the sums. */
export type Rollups = Map<string, (string | number)[]>;

/** A daily rollup row's counts (columns 7 on) for one event: requests, tokens, model time, then the token details. */
export const dailySumsOf = (e: UsageEvent): number[] => [
  1,
  e.promptTokens,
  e.cachedTokens,
  e.completionTokens,
  e.reasoningTokens,
  e.totalTokens,
  e.modelTimeMs ?? 0,
  ...DETAILS.map((d) => e[d] ?? 0),
];

/** Adds an event to the counts of a daily rollup row (columns 7 to 13: requests, tokens, model time; then the token details), in place. */
export function addToDailySums(row: unknown[], e: UsageEvent): void {
  (row[7] as number) += 1;
  (row[8] as number) += e.promptTokens;
  (row[9] as number) += e.cachedTokens;
  (row[10] as number) += e.completionTokens;
  (row[11] as number) += e.reasoningTokens;
  (row[12] as number) += e.totalTokens;
  (row[13] as number) += e.modelTimeMs ?? 0;
  // An index loop: `entries()` made an iterator and a pair per detail, per event.
  for (let i = 0; i < DETAILS.length; i++) (row[14 + i] as number) += e[DETAILS[i]!] ?? 0;
}
