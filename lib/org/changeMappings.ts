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
  // (mergeMappings says the same for a preview; here each row's before is kept too.)
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

/** Every mapping once these are saved: a row replaces the app's range that starts on its day. */
export function mergeMappings(existing: readonly OrgMapping[], incoming: readonly OrgMapping[]): OrgMapping[] {
  const merged = new Map(existing.map((m) => [`${m.appId}|${m.validFrom}`, m]));
  for (const m of incoming) merged.set(`${m.appId}|${m.validFrom}`, m);
  return [...merged.values()];
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
export async function moveApp(store: CatalogStore, move: AppMove, audit: AuditContext) {
  return changeMappings(store, planMove(await store.listOrgMappings(), move), audit);
}

export type AppMove = { appId: string; costCenter: string; businessUnit: string; from: string };

/** The ranges a move saves: the current one ended on its day (unless it starts then) and the new one. */
export function planMove(mappings: readonly OrgMapping[], move: AppMove, appName = move.appId): OrgMapping[] {
  const current = mappings.find((m) => m.appId === move.appId && m.validFrom <= move.from && (m.validTo === null || move.from < m.validTo));
  if (!current) throw new UserError(`${appName} is not mapped on ${move.from}: assign it from the unmapped queue instead.`);
  if (current.costCenter === move.costCenter && current.businessUnit === move.businessUnit)
    throw new UserError(`${appName} is already in cost center ${move.costCenter} (${move.businessUnit}) on ${move.from}: choose another cost center.`);
  const next: OrgMapping = { appId: move.appId, costCenter: move.costCenter, businessUnit: move.businessUnit, validFrom: move.from, validTo: current.validTo };
  return current.validFrom === move.from ? [next] : [{ ...current, validTo: move.from }, next];
}
