"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "@/lib/core/errors";
import { plainIssues } from "@/lib/core/plainIssues";
import { CalendarDay } from "@/lib/core/days";
import { changeMappings, mergeMappings, planMove } from "@/lib/org/changeMappings";
import { refuseIfMapped } from "@/lib/org/alreadyMapped";
import { requireCostCenter } from "@/lib/org/costCenters";
import { resolveApp, searchApps } from "@/lib/org/resolveApp";
import { OrgMapping } from "@/lib/org/orgMapping";
import { previewCorrections } from "@/lib/reports/previewCorrections";
import { getSharedStore } from "@/lib/store";
import { may } from "@/lib/auth/access";
import { currentCaller } from "@/app/_server/currentCaller";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";
import { impactKeyOf, typedValues, type ChangeState } from "./changeState";

const PAGE = "/admin/mappings";
const requireAdmin = () => requireAllowed("mappings:write", PAGE);
/** Back to the page with what was done and, for an ended mapping, the range as it was, to offer Undo. */
const done = (message: string, undo?: OrgMapping): never =>
  redirect(`${PAGE}?${new URLSearchParams({ done: message, ...(undo ? { undo: JSON.stringify(undo) } : {}) })}`);

const Assign = z.object({ appId: z.string().trim().min(1), target: z.string(), validFrom: CalendarDay });
const Move = z.object({ app: z.string().trim().min(1), target: z.string(), from: CalendarDay, reason: z.string().trim().min(3).max(500) });
const End = z.object({ appId: z.string().min(1), validFrom: CalendarDay, validTo: CalendarDay });
const LABELS = {
  appId: "The app",
  app: "The app",
  target: "The cost center",
  validFrom: "The first day",
  from: "The first day",
  reason: "The reason",
  validTo: "The day it ends",
};

/**
 * Saves mapping rows, unless they reach a closed month and book corrections the person has not
 * seen yet: then it answers with those corrections, to confirm with the same form.
 */
async function saveReviewed(
  form: FormData,
  from: string,
  rows: (existing: readonly OrgMapping[]) => OrgMapping[],
  action: string,
  reason: string,
  message: string,
  undo?: OrgMapping,
) {
  const caller = await requireAdmin();
  const store = getSharedStore();
  const existing = await store.listOrgMappings();
  const incoming = rows(existing);
  const impact = await previewCorrections(store, { from, mappings: mergeMappings(existing, incoming) });
  const impactKey = impactKeyOf(impact);
  if (impact.length > 0 && form.get("impactKey") !== impactKey) return { values: typedValues(form), impact, impactKey } satisfies ChangeState;
  await changeMappings(store, incoming, { actor: actorOf(caller), action, reason });
  return done(message, undo);
}

const refusal = (form: FormData, error: unknown): ChangeState => {
  if (error instanceof UserError)
    return {
      values: typedValues(form),
      problems: error.message
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    };
  throw error;
};

/** From the unmapped queue: the app belongs to a cost center from a day on (an app already mapped is refused, by name). */
export async function assignApp(_previous: ChangeState, form: FormData): Promise<ChangeState> {
  await requireAdmin();
  const parsed = Assign.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { values: typedValues(form), problems: plainIssues(parsed.error, LABELS) };
  const { appId, target, validFrom } = parsed.data;
  try {
    const store = getSharedStore();
    const [mappings, apps] = await Promise.all([store.listOrgMappings(), store.listApps()]);
    const app = resolveApp(apps, appId);
    refuseIfMapped(mappings, app, validFrom);
    const to = requireCostCenter(mappings, target);
    return await saveReviewed(
      form,
      validFrom,
      () => [{ appId: app.appId, ...to, validFrom, validTo: null }],
      "mappings.assign",
      "assigned from the unmapped queue",
      `Assigned ${app.displayName} to ${to.costCenter} (${to.businessUnit}) from ${validFrom}.`,
    );
  } catch (error) {
    return refusal(form, error);
  }
}

/** Moves a mapped app (picked by name) to another cost center from a day on. */
export async function moveAppAction(_previous: ChangeState, form: FormData): Promise<ChangeState> {
  await requireAdmin();
  const parsed = Move.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { values: typedValues(form), problems: plainIssues(parsed.error, LABELS) };
  const { app: typed, target, from, reason } = parsed.data;
  try {
    const store = getSharedStore();
    const [mappings, apps] = await Promise.all([store.listOrgMappings(), store.listApps()]);
    const app = resolveApp(apps, typed);
    const to = requireCostCenter(mappings, target);
    return await saveReviewed(
      form,
      from,
      (existing) => planMove(existing, { appId: app.appId, ...to, from }, app.displayName),
      "mappings.move",
      reason,
      `Moved ${app.displayName} to ${to.costCenter} (${to.businessUnit}) from ${from}.`,
    );
  } catch (error) {
    return refusal(form, error);
  }
}

/** Ends an app's open mapping (the page asked to confirm): from that day its usage is unmapped. Undo restores it. */
export async function endMapping(_previous: ChangeState, form: FormData): Promise<ChangeState> {
  await requireAdmin();
  const parsed = End.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { values: typedValues(form), problems: plainIssues(parsed.error, LABELS) };
  const { appId, validFrom, validTo } = parsed.data;
  try {
    const store = getSharedStore();
    const [mappings, apps] = await Promise.all([store.listOrgMappings(), store.listApps()]);
    const name = apps.find((a) => a.appId === appId)?.displayName ?? appId;
    const row = mappings.find((m) => m.appId === appId && m.validFrom === validFrom && m.validTo === null);
    if (!row) throw new UserError(`${name}'s mapping from ${validFrom} was changed meanwhile: reload the page.`);
    if (validTo <= validFrom) throw new UserError(`The day it ends must be after ${validFrom}, when ${name}'s mapping starts.`);
    return await saveReviewed(
      form,
      validTo,
      () => [{ ...row, validTo }],
      "mappings.end",
      "ended from the mappings page",
      `Ended ${name}'s mapping to ${row.costCenter} (${row.businessUnit}) on ${validTo}.`,
      row,
    );
  } catch (error) {
    return refusal(form, error);
  }
}

/** Undo of an ended mapping: the range as it was, audited as a restore. */
export async function restoreMapping(form: FormData): Promise<void> {
  const caller = await requireAdmin();
  const parsed = OrgMapping.safeParse(Object.fromEntries(form));
  if (!parsed.success) return done("There is nothing to undo.");
  const store = getSharedStore();
  const current = (await store.listOrgMappings()).find((m) => m.appId === parsed.data.appId && m.validFrom === parsed.data.validFrom);
  if (!current) return done("There is nothing to undo: that mapping was changed since.");
  try {
    await changeMappings(store, [parsed.data], { actor: actorOf(caller), action: "mappings.restore", reason: "undo from the mappings page" });
  } catch (error) {
    if (error instanceof UserError) return done("That mapping cannot be restored any more: it was changed since.");
    throw error;
  }
  return done(`Restored the mapping to ${parsed.data.costCenter} (${parsed.data.businessUnit}).`);
}

/** What an app picker lists as the person types: names with their ids, for admins only. */
export async function findApps(typed: string): Promise<{ appId: string; name: string }[]> {
  const caller = await currentCaller();
  if (!caller || !(may(caller, "mappings:write") || may(caller, "splits:write"))) return [];
  return searchApps(await getSharedStore().listApps(), String(typed).slice(0, 200)).map((a) => ({ appId: a.appId, name: a.displayName }));
}
