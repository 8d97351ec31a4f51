import type { OrgMapping } from "../org/orgMapping";
import type { CostedLine } from "../statements/statementLine";
import { includesUnit, type ReportScope } from "./reportScope";

/**
 * Whether a caller may open an app's page for the days from..to (to excluded): the app is known
 * (named, mapped or used) and, for a caller who does not see every unit, some of its cost in those
 * days falls to a unit they see, or it was mapped to one. Anything else reads as unknown, so an
 * owner cannot tell another unit's app ids from made-up ones.
 */
export function appVisible(
  appId: string,
  days: { from: string; to: string },
  lines: readonly Pick<CostedLine, "appId" | "businessUnit">[],
  catalog: { mappings: readonly Pick<OrgMapping, "appId" | "businessUnit" | "validFrom" | "validTo">[]; apps: readonly { appId: string }[] },
  scope: ReportScope,
): boolean {
  const everything = scope.units === "all";
  const seen = (unit: string | undefined) => (unit === undefined || unit === "" ? everything : includesUnit(scope, unit));
  const history = catalog.mappings.filter((m) => m.appId === appId);
  const appLines = lines.filter((l) => l.appId === appId);
  const known = catalog.apps.some((a) => a.appId === appId) || history.length > 0 || appLines.length > 0;
  if (!known) return false;
  if (everything) return true;
  return (
    appLines.some((l) => seen(l.businessUnit)) ||
    history.some((m) => seen(m.businessUnit) && m.validFrom < days.to && (m.validTo === null || m.validTo > days.from))
  );
}
