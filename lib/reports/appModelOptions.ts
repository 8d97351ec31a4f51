import type { CostedLine } from "../statements/statementLine";
import { includesUnit, type ReportScope } from "./reportScope";

/**
 * The models an app page's filter can take: those of the app's own lines the scope sees, its
 * unmapped lines included for a caller who sees every unit (as its report counts them), so a fully
 * unmapped app still offers its models. Markups are cost recovery, not a model. Sorted by name.
 */
export function appModelOptions(appLines: readonly Pick<CostedLine, "businessUnit" | "model" | "kind">[], scope: ReportScope): string[] {
  const seen = (unit: string) => (unit === "" ? scope.units === "all" : includesUnit(scope, unit));
  const models = appLines.filter((l) => l.kind !== "markup" && l.model !== "" && seen(l.businessUnit)).map((l) => l.model);
  return [...new Set(models)].sort((a, b) => a.localeCompare(b));
}
