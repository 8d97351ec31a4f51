import Decimal from "decimal.js";
import { z } from "zod";
import { TAG_KEY } from "../events/eventTags";
import { CalendarDay, EndDay } from "../core/days";
import { findOverlaps } from "../core/effectiveDated";

const optional = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));

/** Where part of a split goes; `percent` for a fixed split, `tagValue` for a tag share. */
export const SplitPart = z.object({
  costCenter: z.string().trim().min(1, "is empty"),
  businessUnit: z.string().trim().min(1, "is empty"),
  percent: optional.pipe(
    z
      .string()
      .regex(/^\d{1,3}(\.\d{1,4})?$/, "must be a percentage such as 50 or 33.3333 (at most 4 decimals)")
      .nullable(),
  ),
  tagValue: optional,
});
export type SplitPart = z.infer<typeof SplitPart>;

export const SPLIT_METHODS = ["fixed", "even", "share"] as const;
/** A share is measured in tokens or cost of each cost center's own (plainly mapped) apps, or in tokens per tag value. */
export const SplitBasis = z
  .string()
  .trim()
  .toLowerCase()
  // A key events could never carry would measure nothing and leave the whole amount unallocated.
  .refine(
    (b) => b === "tokens" || b === "cost" || (b.startsWith("tag:") && TAG_KEY.test(b.slice(4))),
    "must be tokens, cost or tag:<key> (a key of 1-32 of a-z 0-9 _ . -, as events carry it)",
  );

/**
 * Splits an app's usage, a deployment's usage, or a fixed monthly overhead (`amount` in the
 * reports' currency, no app) across cost centers, from validFrom (inclusive) to validTo
 * (exclusive), UTC days: by fixed percentages (summing to 100), evenly, or by a measured share.
 */
export const SplitRule = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be letters, digits, . _ - (at most 64), such as shared-assistant"),
    appId: optional,
    deployment: optional,
    amount: optional.pipe(
      z
        .string()
        .regex(/^\d{1,12}(\.\d{1,6})?$/, "must be an amount per month such as 1200 or 99.5")
        .nullable(),
    ),
    method: z.enum(SPLIT_METHODS, { error: "must be fixed, even or share" }),
    basis: optional.pipe(SplitBasis.nullable()),
    parts: z.array(SplitPart).min(1, "name at least one cost center"),
    validFrom: CalendarDay,
    validTo: EndDay,
  })
  .superRefine((r, ctx) => {
    const problem = (message: string, path: string) => ctx.addIssue({ code: "custom", message, path: [path] });
    if (r.validTo !== null && r.validTo <= r.validFrom) problem("must be after validFrom", "validTo");
    const targets = [r.appId, r.deployment, r.amount].filter((t) => t !== null).length;
    if (targets !== 1) problem("name exactly one of appId, deployment or amount (a monthly overhead)", "appId");
    const seen = new Set<string>();
    for (const p of r.parts) {
      const key = `${p.businessUnit}|${p.costCenter}`;
      if (seen.has(key)) problem(`names cost center ${p.costCenter} (${p.businessUnit}) twice`, "parts");
      seen.add(key);
    }
    if (r.method === "fixed") {
      if (r.parts.some((p) => p.percent === null)) return problem("of a fixed split: every cost center needs a percent", "parts");
      const sum = r.parts.reduce((a, p) => a.plus(p.percent!), new Decimal(0));
      if (!sum.equals(100)) problem(`must sum to 100, not ${sum.toString()}`, "percent");
    } else if (r.parts.some((p) => p.percent !== null)) problem(`is only for fixed splits, not ${r.method} ones`, "percent");
    if (r.method === "share" && r.basis === null) problem("is needed for a share: tokens, cost or tag:<key>", "basis");
    if (r.method !== "share" && r.basis !== null) problem(`is only for share splits, not ${r.method}`, "basis");
    const byTag = r.basis?.startsWith("tag:") ?? false;
    if (byTag && r.parts.some((p) => p.tagValue === null)) problem(`of a ${r.basis} share: every cost center needs the tagValue it is measured by`, "tagValue");
    if (!byTag && r.parts.some((p) => p.tagValue !== null)) problem("is only for a tag share", "tagValue");
  });
export type SplitRule = z.infer<typeof SplitRule>;

/** What a rule splits: rules of one target may not be in effect on the same day. */
export const ruleTarget = (r: Pick<SplitRule, "id" | "appId" | "deployment">) =>
  r.appId !== null ? `app ${r.appId}` : r.deployment !== null ? `deployment ${r.deployment}` : `overhead ${r.id}`;

const OVERHEAD_PREFIX = "overhead:";

/** The app id an overhead rule's lines carry. */
export const overheadAppId = (ruleId: string) => `${OVERHEAD_PREFIX}${ruleId}`;

/** What to call an overhead line, which no directory names; null for other app ids. */
export const overheadName = (appId: string) => (appId.startsWith(OVERHEAD_PREFIX) ? `Overhead ${appId.slice(OVERHEAD_PREFIX.length)}` : null);

/** Two rules of one app or deployment in effect on the same day, described; empty when none. */
export const findSplitOverlaps = (rules: readonly SplitRule[]) =>
  findOverlaps(
    rules,
    ruleTarget,
    (a, b) => `${ruleTarget(a)}: rule ${a.id} (${a.validFrom}..${a.validTo ?? "open"}) overlaps rule ${b.id} (from ${b.validFrom})`,
  );

/** A rule's problems as people read them: the field (its part's field for a part), then what is wrong. */
export const describeRuleIssues = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.filter((p) => typeof p === "string").join(".") || "rule"} ${i.message}`);
