import { closest, distance } from "fastest-levenshtein";
import type { OrgMapping } from "./orgMapping";

/** A business unit or cost center an import would create, with the existing name it may have meant. */
export type NewName = { kind: "business unit" | "cost center"; name: string; didYouMean: string | null };

/**
 * The unit and cost-center names in `incoming` that no existing mapping uses, each with the
 * nearest existing name when it is a likely typo ("Marketting" → "Marketing", "CC-61O" → "CC-610"):
 * a new name creates a new unit or cost center, so an import asks for each to be confirmed.
 */
export function flagNewNames(existing: readonly OrgMapping[], incoming: readonly OrgMapping[]): NewName[] {
  const flag = (kind: NewName["kind"], known: Set<string>, names: string[]): NewName[] =>
    [...new Set(names)]
      .filter((n) => !known.has(n))
      .sort()
      .map((name) => ({ kind, name, didYouMean: nearest(name, [...known]) }));
  return [
    ...flag(
      "business unit",
      new Set(existing.map((m) => m.businessUnit)),
      incoming.map((m) => m.businessUnit),
    ),
    ...flag(
      "cost center",
      new Set(existing.map((m) => m.costCenter)),
      incoming.map((m) => m.costCenter),
    ),
  ];
}

/**
 * The known name nearest to `name` (ignoring case), if few enough edits apart to be a typo: a third
 * of its length, at most 3. A name that differs only in digits ("CC-900" and "CC-100") is another
 * code, not a typo of it.
 */
function nearest(name: string, known: string[]): string | null {
  const typed = name.toLowerCase();
  const candidates = known.filter((k) => !otherNumber(typed, k.toLowerCase()));
  if (candidates.length === 0) return null;
  const lower = candidates.map((k) => k.toLowerCase());
  const best = closest(typed, lower);
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  return distance(typed, best) <= allowed ? (candidates[lower.indexOf(best)] ?? null) : null;
}

const DIGIT = /\d/;
const otherNumber = (a: string, b: string) => a.length === b.length && [...a].every((c, i) => c === b[i] || (DIGIT.test(c) && DIGIT.test(b[i] ?? "")));

/** The form field that confirms one new name: what the import preview asks to tick. */
export const confirmField = (n: Pick<NewName, "kind" | "name">) => `new:${n.kind}:${n.name}`;
