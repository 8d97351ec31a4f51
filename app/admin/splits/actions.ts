"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { changeSplitRules, withSplitRules } from "@/lib/allocation/changeSplitRules";
import { previewSplitRule, type SplitPreview } from "@/lib/statements/previewSplitRule";
import { SplitRule } from "@/lib/allocation/splitRule";
import { UserError } from "@/lib/core/errors";
import { plainIssues } from "@/lib/core/plainIssues";
import { currentMonth } from "@/lib/core/clock";
import { requireCostCenter } from "@/lib/org/costCenters";
import { resolveApp } from "@/lib/org/resolveApp";
import { previewCorrections, type CorrectionImpact } from "@/lib/reports/previewCorrections";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";
import { impactKeyOf, typedValues } from "@/app/admin/mappings/changeState";
import { splitRuleOf } from "./splitRuleOf";

const PAGE = "/admin/splits";

export type SplitFormState = {
  preview?: SplitPreview;
  impact?: CorrectionImpact[];
  impactKey?: string;
  problems?: string[];
  applied?: string;
  values?: Record<string, string>;
};

/** The parts come as numbered fields (target1, percent1, tagValue1, …); a row with no cost center is empty. */
const PART_ROWS = 6;
const Target = z.enum(["app", "deployment", "overhead"]);
const FIELDS: Record<string, string> = {
  id: "The rule id",
  appId: "The app",
  deployment: "The deployment",
  amount: "The amount per month",
  method: "The method",
  basis: "The share basis",
  parts: "The cost centers",
  validFrom: "From",
  validTo: "Until",
  percent: "The percentages",
  tagValue: "The tag values",
};
const PART_FIELDS: Record<string, string> = { percent: "percent", tagValue: "tag value", costCenter: "cost center", businessUnit: "business unit" };
const labelOf = (path: readonly PropertyKey[]) =>
  path[0] === "parts" && typeof path[1] === "number"
    ? `Cost center ${path[1] + 1}'s ${PART_FIELDS[String(path[2])] ?? "row"}`
    : (FIELDS[String(path[0])] ?? "The rule");

function ruleFrom(form: FormData, appId: string) {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const target = Target.safeParse(text("target"));
  const parts = Array.from({ length: PART_ROWS }, (_, i) => i + 1)
    .filter((i) => text(`target${i}`) !== "")
    .map((i) => {
      const [costCenter, businessUnit] = text(`target${i}`).split("|");
      return { costCenter, businessUnit, percent: text(`percent${i}`), tagValue: text(`tagValue${i}`) };
    });
  const on = (kind: z.infer<typeof Target>) => (target.success && target.data === kind ? text("targetValue") : "");
  return SplitRule.safeParse({
    id: text("id"),
    appId: on("app") && appId,
    deployment: on("deployment"),
    amount: on("overhead"),
    method: text("method"),
    basis: text("basis"),
    parts,
    validFrom: text("validFrom"),
    validTo: text("validTo"),
  });
}

/**
 * "preview" shows this month's lines before and after the rule and the corrections it would book
 * in closed months; "apply" saves it, audited, once any such corrections were shown. The app is
 * named or picked by name, and must exist, as must each cost center. Admins only.
 */
export async function previewOrApplySplit(_previous: SplitFormState, form: FormData): Promise<SplitFormState> {
  const caller = await requireAllowed("splits:write", PAGE);
  const values = typedValues(form);
  const store = getSharedStore();
  try {
    const [apps, mappings] = await Promise.all([store.listApps(), store.listOrgMappings()]);
    const appId = form.get("target") === "app" ? resolveApp(apps, String(form.get("targetValue") ?? "")).appId : "";
    const parsed = ruleFrom(form, appId);
    if (!parsed.success) return { values, problems: plainIssues(parsed.error, labelOf) };
    const rule = parsed.data;
    for (const p of rule.parts) requireCostCenter(mappings, `${p.costCenter}|${p.businessUnit}`);
    const impact = await previewCorrections(store, { from: rule.validFrom, splitRules: await withSplitRules(store, [rule]) });
    const impactKey = impactKeyOf(impact);
    const reviewed = impact.length === 0 || form.get("impactKey") === impactKey;
    if (form.get("intent") !== "apply" || !reviewed) return { values, impact, impactKey, preview: await previewSplitRule(store, rule, currentMonth()) };
    const summary = await changeSplitRules(store, [rule], {
      actor: actorOf(caller),
      action: "splits.save",
      reason: String(form.get("reason") ?? "").trim() || `split rule ${rule.id} from the admin page`,
    });
    return { applied: `Saved split rule ${rule.id}: ${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged.` };
  } catch (error) {
    if (error instanceof UserError)
      return {
        values,
        problems: error.message
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      };
    throw error;
  }
}

/** Where the page goes after a removal or its undo: what was done and, for a removal, the rule to restore with Undo. */
const back = (done: string, undo?: SplitRule): never => redirect(`${PAGE}?${new URLSearchParams({ done, ...(undo ? { undo: JSON.stringify(undo) } : {}) })}`);

/** Deletes a split rule (after the page asked to confirm), audited, offering Undo with the rule as it was. */
export async function removeSplit(form: FormData): Promise<void> {
  const caller = await requireAllowed("splits:write", PAGE);
  const id = String(form.get("id") ?? "").trim();
  if (id === "") return back("Say which split rule to delete.");
  const removed = await getSharedStore().removeSplitRule(id, {
    actor: actorOf(caller),
    action: "splits.remove",
    reason: `split rule ${id} deleted on the admin page`,
  });
  if (!removed) return back(`Split rule ${id} was already gone.`);
  return back(`Removed split rule ${id}.`, removed);
}

/** Undo of a deletion: the rule comes back as it was, checked like any saved rule, audited as a restore. */
export async function restoreSplit(form: FormData): Promise<void> {
  const caller = await requireAllowed("splits:write", PAGE);
  const parsed = splitRuleOf(String(form.get("rule") ?? ""));
  if (!parsed) return back("There is nothing to undo.");
  try {
    await changeSplitRules(getSharedStore(), [parsed], { actor: actorOf(caller), action: "splits.restore", reason: "undo of a deletion" });
  } catch (error) {
    if (error instanceof UserError) return back(`Split rule ${parsed.id} could not be restored: ${error.message}`);
    throw error;
  }
  return back(`Restored split rule ${parsed.id}.`);
}
