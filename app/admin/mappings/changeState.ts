import type { CorrectionImpact } from "@/lib/reports/previewCorrections";

/**
 * What a change form shows after a submit that did not save: what was typed (so nothing is lost),
 * why it was refused, or the corrections it would book in closed months, to confirm first.
 */
export type ChangeState = {
  values?: Record<string, string>;
  problems?: string[];
  impact?: CorrectionImpact[];
  /** The impact as shown: applying goes ahead only while the change would still book exactly this. */
  impactKey?: string;
};

export const impactKeyOf = (impact: readonly CorrectionImpact[]) => JSON.stringify(impact);

/** The text fields of a form, as typed, to give back with a refusal. */
export const typedValues = (form: FormData): Record<string, string> =>
  Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === "string" && !e[0].startsWith("$")));
