import type { z } from "zod";

/**
 * Zod's issues as sentences a person filling a form reads, one per field, naming the field by its
 * label: never the validator's own text ("Too big: expected string…").
 */
export function plainIssues(error: z.ZodError, labels: Readonly<Record<string, string>> | ((path: readonly PropertyKey[]) => string)): string[] {
  const labelOf = typeof labels === "function" ? labels : (path: readonly PropertyKey[]) => labels[String(path[0] ?? "")] ?? "This field";
  const said = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (said.has(field)) continue;
    said.set(field, sentence(issue, labelOf(issue.path)));
  }
  return [...said.values()];
}

function sentence(issue: z.core.$ZodIssue, label: string): string {
  // Our own schemas' messages already speak in words ("must be a date YYYY-MM-DD", "is not a calendar date").
  if (/^(must|is) /.test(issue.message)) return `${label} ${issue.message}.`;
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string" ? `${label} is too long: keep it to ${issue.maximum} characters.` : `${label} is too large (at most ${issue.maximum}).`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1
        ? `${label} is required.`
        : issue.origin === "string"
          ? `${label} is too short: write at least ${issue.minimum} characters.`
          : `${label} is too small (at least ${issue.minimum}).`;
    case "invalid_type":
      return `${label} is required.`;
    case "invalid_format":
    case "invalid_value":
      return `${label} is not valid: choose or type it again.`;
    case "custom":
      return `${label}: ${issue.message}.`;
    default:
      return `${label} is not valid.`;
  }
}
