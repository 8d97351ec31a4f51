import type { MonthLines } from "../statements/monthLines";
import { includesUnit, type ReportScope } from "./reportScope";

/** The values each filter chip can take: those in the period's lines the scope may see, sorted by name. */
export type FilterOptions = { units: string[]; costCenters: string[]; apps: [appId: string, name: string][]; models: string[] };

export function filterOptions({ lines }: Pick<MonthLines, "lines">, scope: ReportScope): FilterOptions {
  const seen = lines.filter((l) => l.businessUnit !== "" && includesUnit(scope, l.businessUnit) && l.kind !== "markup");
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== "").sort((a, b) => a.localeCompare(b));
  const apps = new Map(seen.map((l) => [l.appId, l.appName]));
  return {
    units: sorted(seen.map((l) => l.businessUnit)),
    costCenters: sorted(seen.map((l) => l.costCenter)),
    apps: [...apps].sort(([, a], [, b]) => a.localeCompare(b)),
    models: sorted(seen.map((l) => l.model)),
  };
}
