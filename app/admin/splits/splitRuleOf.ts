import { SplitRule } from "@/lib/allocation/splitRule";

/** A split rule carried as JSON in a form or the address (the Undo of a deletion); null when it is not one. */
export function splitRuleOf(text: string | undefined): SplitRule | null {
  if (!text) return null;
  try {
    const parsed = SplitRule.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
