import { describe } from "./errors";
import { UserError } from "./errors";
import { itemAt } from "./arrays";

/** Something in effect from validFrom (inclusive) to validTo (exclusive, null = open-ended), UTC days. */
export type EffectiveDated = { validFrom: string; validTo: string | null };

export const inEffect = (r: EffectiveDated, day: string) => r.validFrom <= day && (r.validTo === null || day < r.validTo);

/** Two items of one group in effect on the same day, each pair described; empty when none. */
export function findOverlaps<T extends EffectiveDated>(items: readonly T[], groupOf: (t: T) => string, describe: (earlier: T, later: T) => string): string[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  const problems: string[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    sorted.slice(1).forEach((later, i) => {
      const earlier = itemAt(sorted, i); // the item before `later`
      if (earlier.validTo === null || earlier.validTo > later.validFrom) problems.push(describe(earlier, later));
    });
  }
  return problems;
}

/**
 * The stored items with the incoming ones applied over them by key, or a refusal of the whole
 * import, every overlap named, when that would leave two in effect on the same day in one group.
 */
export function refuseOverlapsAfter<T>(
  stored: readonly T[],
  incoming: readonly T[],
  keyOf: (t: T) => string,
  overlapsOf: (all: T[]) => string[],
  what: string,
): T[] {
  const merged = new Map(stored.map((t) => [keyOf(t), t]));
  for (const t of incoming) merged.set(keyOf(t), t);
  const all = [...merged.values()];
  const overlaps = overlapsOf(all);
  if (overlaps.length > 0) throw new UserError(describe(overlaps, what));
  return all;
}
