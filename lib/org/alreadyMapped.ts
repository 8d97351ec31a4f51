import { UserError } from "../core/errors";
import type { OrgMapping } from "./orgMapping";

/**
 * Refuses, naming the app and where it is mapped, to assign an app that a mapping already covers
 * on or after `from`: an assigned app is moved, never assigned twice.
 */
export function refuseIfMapped(mappings: readonly OrgMapping[], app: { appId: string; displayName: string }, from: string): void {
  const covering = mappings
    .filter((m) => m.appId === app.appId && (m.validTo === null || m.validTo > from))
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const [first] = covering;
  if (!first) return;
  const until = first.validTo ? ` until ${first.validTo}` : "";
  throw new UserError(
    `${app.displayName} is already mapped to cost center ${first.costCenter} (${first.businessUnit}) from ${first.validFrom}${until}. To change who pays for it, move it instead.`,
  );
}
