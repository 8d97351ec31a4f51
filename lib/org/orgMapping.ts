import { z } from "zod";
import { CalendarDay, EndDay } from "../core/days";

/** App → cost center → business unit from validFrom (inclusive) to validTo (exclusive), UTC days. */
export const OrgMapping = z
  .object({
    appId: z.string().trim().min(1, "is empty"),
    costCenter: z.string().trim().min(1, "is empty"),
    businessUnit: z.string().trim().min(1, "is empty"),
    validFrom: CalendarDay,
    validTo: EndDay,
  })
  .refine((m) => m.validTo === null || m.validTo > m.validFrom, {
    message: "must be after validFrom",
    path: ["validTo"],
  });
export type OrgMapping = z.infer<typeof OrgMapping>;

/**
 * Overlapping ranges of one app, and gaps between its consecutive ranges, described for the person
 * changing them; empty when none. An app is unmapped before its first range and, when its last
 * range ends, after it; in between it is always somewhere.
 */
export function findRangeProblems(mappings: readonly OrgMapping[]): string[] {
  const byApp = new Map<string, OrgMapping[]>();
  for (const m of mappings) byApp.set(m.appId, [...(byApp.get(m.appId) ?? []), m]);
  const problems: string[] = [];
  for (const [appId, list] of byApp) {
    const sorted = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    for (const [i, next] of sorted.entries()) {
      const prev = sorted[i - 1];
      if (!prev) continue; // the first range has none before it
      if (prev.validTo === null || prev.validTo > next.validFrom) {
        problems.push(`app ${appId}: ${range(prev)} (${prev.costCenter}) overlaps ${range(next)} (${next.costCenter})`);
      } else if (prev.validTo < next.validFrom) {
        problems.push(
          `app ${appId}: nothing maps it from ${prev.validTo} to ${next.validFrom}, between ${prev.costCenter} and ${next.costCenter}; end the first range on ${next.validFrom} or start the second on ${prev.validTo}`,
        );
      }
    }
  }
  return problems;
}

const range = (m: OrgMapping) => `${m.validFrom}..${m.validTo ?? "open"}`;

/** The mapping in effect for an app on a UTC day, if any. */
export class OrgDirectory {
  private readonly byApp = new Map<string, OrgMapping[]>();

  constructor(mappings: Iterable<OrgMapping>) {
    for (const m of mappings) this.byApp.set(m.appId, [...(this.byApp.get(m.appId) ?? []), m]);
  }

  on(appId: string, day: string): OrgMapping | undefined {
    return this.byApp.get(appId)?.find((m) => m.validFrom <= day && (m.validTo === null || day < m.validTo));
  }
}
