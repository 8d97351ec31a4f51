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
import type { OrgMapping } from "@/lib/org/orgMapping";
import { previewCorrections } from "@/lib/reports/previewCorrections";
import { getSharedStore } from "@/lib/store";
import { may } from "@/lib/auth/access";
import { currentCaller } from "@/app/_server/currentCaller";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";
import { impactKeyOf, typedValues, type ChangeState } from "./changeState";

const PAGE = "/admin/mappings";
const requireAdmin = () => requireAllowed("mappings:write", PAGE);
const done = (message: string): never => redirect(`${PAGE}?done=${encodeURIComponent(message)}`);

const Assign = z.object({ appId: z.string().trim().min(1), target: z.string(), validFrom: CalendarDay });
const Move = z.object({ app: z.string().trim().min(1), target: z.string(), from: CalendarDay, reason: z.string().trim().min(3).max(500) });
const LABELS = { appId: "The app", app: "The app", target: "The cost center", validFrom: "The first day", from: "The first day", reason: "The reason" };

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
) {
  const caller = await requireAdmin();
  const store = getSharedStore();
  const existing = await store.listOrgMappings();
  const incoming = rows(existing);
  const impact = await previewCorrections(store, { from, mappings: mergeMappings(existing, incoming) });
  const impactKey = impactKeyOf(impact);
  if (impact.length > 0 && form.get("impactKey") !== impactKey) return { values: typedValues(form), impact, impactKey } satisfies ChangeState;
  await changeMappings(store, incoming, { actor: actorOf(caller), action, reason });
  return done(message);
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

/** What an app picker lists as the person types: names with their ids, for admins only. */
export async function findApps(typed: string): Promise<{ appId: string; name: string }[]> {
  const caller = await currentCaller();
  if (!caller || !(may(caller, "mappings:write") || may(caller, "splits:write"))) return [];
  return searchApps(await getSharedStore().listApps(), String(typed).slice(0, 200)).map((a) => ({ appId: a.appId, name: a.displayName }));
}
