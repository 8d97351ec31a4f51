/** The business units whose numbers a report may include: every one, or only these. */
export type ReportScope = { units: "all" } | { units: ReadonlySet<string> };

export const ALL_UNITS: ReportScope = { units: "all" };

export const onlyUnits = (units: Iterable<string>): ReportScope => ({ units: new Set(units) });

export function includesUnit(scope: ReportScope, businessUnit: string): boolean {
  return scope.units === "all" || scope.units.has(businessUnit);
}
