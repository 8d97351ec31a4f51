/** The business units whose numbers a report may include: every one, or only these. */
export type ReportScope = { units: "all" } | { units: ReadonlySet<string> };

export const ALL_UNITS: ReportScope = { units: "all" };

export const onlyUnits = (units: Iterable<string>): ReportScope => ({ units: new Set(units) });

export function includesUnit(scope: ReportScope, businessUnit: string): boolean {
  return scope.units === "all" || scope.units.has(businessUnit);
}

/** A scope as the name of a part stored per scope: every unit, or its units sorted. */
export const scopeKey = (scope: ReportScope): string => (scope.units === "all" ? "all" : JSON.stringify([...scope.units].sort()));
