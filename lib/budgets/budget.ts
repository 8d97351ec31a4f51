import { z } from "zod";
import { CalendarDay, EndDay } from "../core/days";
import { findOverlaps } from "../core/effectiveDated";
import { TAG_KEY } from "../events/eventTags";
import { itemAt } from "../core/arrays";

/** What a budget covers: a business unit, a cost center, an app, or the usage carrying one tag value. */
export type BudgetScope =
  | { kind: "business-unit"; businessUnit: string }
  | { kind: "cost-center"; costCenter: string }
  | { kind: "app"; appId: string }
  | { kind: "tag"; key: string; value: string };

const SCOPE = /^(business-unit|cost-center|app|tag):(.+)$/;

/** `business-unit:<name>`, `cost-center:<id>`, `app:<appId>` or `tag:<key>=<value>`; null when it is none of them. */
export function parseScope(text: string): BudgetScope | null {
  const m = SCOPE.exec(text.trim());
  if (!m) return null;
  const kind = itemAt(m, 1);
  const name = itemAt(m, 2).trim();
  if (name === "") return null;
  if (kind === "business-unit") return { kind, businessUnit: name };
  if (kind === "cost-center") return { kind, costCenter: name };
  if (kind === "app") return { kind, appId: name };
  const eq = name.indexOf("=");
  const key = name.slice(0, eq).trim().toLowerCase();
  const value = name.slice(eq + 1).trim();
  return eq > 0 && TAG_KEY.test(key) && value !== "" ? { kind: "tag", key, value } : null;
}

/** What a threshold is measured on: the month's actual cost so far, or its month-end forecast. */
export const THRESHOLD_BASES = ["actual", "forecast"] as const;
export type Threshold = { percent: number; basis: (typeof THRESHOLD_BASES)[number] };
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [
  { percent: 50, basis: "actual" },
  { percent: 80, basis: "actual" },
  { percent: 100, basis: "actual" },
  { percent: 100, basis: "forecast" },
];

/** `50;80;100;forecast:100`: a percent of the budget, on the actual cost unless prefixed `forecast:`. */
export const Thresholds = z
  .string()
  .trim()
  .nullish()
  .transform((text, ctx): Threshold[] => {
    if (!text) return [...DEFAULT_THRESHOLDS];
    const out: Threshold[] = [];
    for (const part of text.split(";").map((p) => p.trim())) {
      const m = /^(?:(actual|forecast):)?(\d{1,3})$/.exec(part);
      const percent = m ? Number(m[2]) : 0;
      if (!m || percent < 1 || percent > 500) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a threshold: give percents 1-500 separated by ;, e.g. 50;80;100;forecast:100` });
        return z.NEVER;
      }
      out.push({ percent, basis: (m[1] as Threshold["basis"] | undefined) ?? "actual" });
    }
    const unique = new Map(out.map((t) => [`${t.basis}:${t.percent}`, t]));
    return [...unique.values()].sort((a, b) => a.basis.localeCompare(b.basis) || a.percent - b.percent);
  });

/** `ops@example.com;webhook:finops`: e-mail addresses and configured webhooks (CHARGEBACK_WEBHOOKS) told when a threshold is crossed. */
export const Recipients = z
  .string()
  .trim()
  .nullish()
  .transform((text, ctx): string[] => {
    const list = (text ?? "")
      .split(";")
      .map((r) => r.trim())
      .filter(Boolean);
    for (const r of list) {
      const ok = r.startsWith("webhook:") ? /^webhook:[A-Za-z0-9._-]{1,64}$/.test(r) : z.email().safeParse(r).success;
      if (!ok) {
        ctx.addIssue({ code: "custom", message: `"${r}" is neither an e-mail address nor webhook:<name>` });
        return z.NEVER;
      }
    }
    return [...new Set(list)].sort();
  });

const FirstOfMonth = CalendarDay.refine((d) => d.endsWith("-01"), "must be the first day of a month: budgets are monthly");

/**
 * A monthly budget for one scope from validFrom (inclusive) to validTo (exclusive), both first days
 * of a month. `amount` is in `currency`, the reports' currency; `hard` makes the gateway answer 429
 * once the month's actual cost reaches it (soft enforcement: deploy/apim/budget-state-fragment.xml).
 */
export const Budget = z
  .object({
    scope: z
      .string()
      .trim()
      .refine((s) => parseScope(s) !== null, "must be business-unit:<name>, cost-center:<id>, app:<appId> or tag:<key>=<value>"),
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, "must be an amount per month such as 5000 or 1250.50")
      .refine((a) => Number(a) > 0, "must be more than 0"),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "must be a three-letter currency code such as USD"),
    thresholds: z.array(z.object({ percent: z.number().int(), basis: z.enum(THRESHOLD_BASES) })),
    notify: z.array(z.string()),
    hard: z.boolean(),
    validFrom: FirstOfMonth,
    validTo: EndDay.refine((d) => d === null || d.endsWith("-01"), "must be the first day of a month: budgets are monthly"),
  })
  .refine((b) => b.validTo === null || b.validTo > b.validFrom, { message: "must be after validFrom", path: ["validTo"] });
export type Budget = z.infer<typeof Budget>;

/** A budget's key: its scope and first month (lib/store/audited.ts keys stored rows alike). */
export const budgetKey = (b: Pick<Budget, "scope" | "validFrom">) => `${b.scope}|${b.validFrom}`;

/** Two budgets of one scope in effect in the same month, described; empty when none. */
export const findBudgetOverlaps = (budgets: readonly Budget[]) =>
  findOverlaps(
    budgets,
    (b) => b.scope,
    (a, b) => `${a.scope}: ${a.validFrom}..${a.validTo ?? "open"} overlaps ${b.validFrom}..${b.validTo ?? "open"}; end the first on ${b.validFrom}`,
  );

/** The budget of each scope in effect in a month (on its first day). */
export const budgetsInMonth = (budgets: readonly Budget[], month: string) =>
  budgets.filter((b) => b.validFrom <= `${month}-01` && (b.validTo === null || `${month}-01` < b.validTo));

/** The scope's text, normalised: what keys a budget, whatever spacing or case the file had. */
export function scopeText(scope: BudgetScope): string {
  switch (scope.kind) {
    case "business-unit":
      return `business-unit:${scope.businessUnit}`;
    case "cost-center":
      return `cost-center:${scope.costCenter}`;
    case "app":
      return `app:${scope.appId}`;
    case "tag":
      return `tag:${scope.key}=${scope.value}`;
  }
}
