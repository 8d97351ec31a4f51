import { isDeepStrictEqual } from "node:util";
import { describe } from "../core/errors";
import { UserError } from "../core/errors";
import type { AuditContext, CatalogStore } from "../store/port";
import { findRangeProblems, type OrgMapping } from "./orgMapping";

export type MappingChange = { appId: string; validFrom: string; change: "added" | "changed" | "unchanged"; before: OrgMapping | null; after: OrgMapping };

/** What saving these mappings would do, row by row, and why it would be refused (empty when it would not). */
export async function planMappings(store: CatalogStore, incoming: readonly OrgMapping[]): Promise<{ changes: MappingChange[]; problems: string[] }> {
  const existing = new Map((await store.listOrgMappings()).map((m) => [`${m.appId}|${m.validFrom}`, m]));
  const merged = new Map(existing);
  const changes = incoming.map((after): MappingChange => {
    const key = `${after.appId}|${after.validFrom}`;
    const before = existing.get(key) ?? null;
    merged.set(key, after);
    return {
      appId: after.appId,
      validFrom: after.validFrom,
      before,
      after,
      change: before === null ? "added" : isDeepStrictEqual({ ...before }, { ...after }) ? "unchanged" : "changed",
    };
  });
  return { changes, problems: findRangeProblems([...merged.values()]) };
}

/** Saves mappings all or nothing, refusing overlaps and gaps, with each change in the audit log. */
export async function changeMappings(store: CatalogStore, incoming: readonly OrgMapping[], audit?: AuditContext) {
  const { problems } = await planMappings(store, incoming);
  if (problems.length > 0) throw new UserError(describe(problems, "mapping range problem"));
  return store.saveOrgMappings([...incoming], audit);
}

/**
 * Moves an app to another cost center from a day on: its current range ends that day and a new
 * one starts, so the month it moves in is split at that day (00:00 UTC).
 */
export async function moveApp(store: CatalogStore, move: { appId: string; costCenter: string; businessUnit: string; from: string }, audit: AuditContext) {
  const ranges = (await store.listOrgMappings()).filter((m) => m.appId === move.appId);
  const current = ranges.find((m) => m.validFrom <= move.from && (m.validTo === null || move.from < m.validTo));
  if (!current) throw new UserError(`app ${move.appId} is not mapped on ${move.from}: assign it instead`);
  const next: OrgMapping = { appId: move.appId, costCenter: move.costCenter, businessUnit: move.businessUnit, validFrom: move.from, validTo: current.validTo };
  if (current.validFrom === move.from) return changeMappings(store, [next], audit);
  return changeMappings(store, [{ ...current, validTo: move.from }, next], audit);
}
