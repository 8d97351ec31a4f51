"use server";

import { z } from "zod";
import { changeSplitRules } from "@/lib/allocation/changeSplitRules";
import { previewSplitRule, type SplitPreview } from "@/lib/statements/previewSplitRule";
import { describeRuleIssues, SplitRule } from "@/lib/allocation/splitRule";
import { UserError } from "@/lib/core/errors";
import { currentMonth } from "@/lib/core/clock";
import { getSharedStore } from "@/lib/store";
import { actorOf, requireAllowed } from "@/app/_actions/requireRole";

export type SplitFormState = { preview?: SplitPreview; problems?: string[]; applied?: string };

/** The parts come as numbered fields (target1, percent1, tagValue1, …); a row with no cost center is empty. */
const PART_ROWS = 6;
const Target = z.enum(["app", "deployment", "overhead"]);

function ruleFrom(form: FormData) {
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
    appId: on("app"),
    deployment: on("deployment"),
    amount: on("overhead"),
    method: text("method"),
    basis: text("basis"),
    parts,
    validFrom: text("validFrom"),
    validTo: text("validTo"),
  });
}

/** "preview" shows this month's lines before and after the rule; "apply" saves it, audited. Admins only. */
export async function previewOrApplySplit(_previous: SplitFormState, form: FormData): Promise<SplitFormState> {
  const caller = await requireAllowed("splits:write", "/admin/splits");
  const parsed = ruleFrom(form);
  if (!parsed.success) return { problems: describeRuleIssues(parsed.error) };
  const rule = parsed.data;
  const store = getSharedStore();
  try {
    if (form.get("intent") !== "apply") return { preview: await previewSplitRule(store, rule, currentMonth()) };
    const summary = await changeSplitRules(store, [rule], {
      actor: actorOf(caller),
      action: "splits.save",
      reason: String(form.get("reason") ?? "").trim() || `split rule ${rule.id} from the admin page`,
    });
    return { applied: `Saved split rule ${rule.id}: ${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged.` };
  } catch (error) {
    if (error instanceof UserError)
      return {
        problems: error.message
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      };
    throw error;
  }
}
