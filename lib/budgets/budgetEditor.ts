import Decimal from "decimal.js";
import type { Role } from "../auth/roles";
import { inEffect } from "../core/effectiveDated";
import type { OrgMapping } from "../org/orgMapping";
import { type Budget, parseScope } from "./budget";

/** Who changes budgets: finance and admins any; a unit owner only inside the units they own. */
export type BudgetEditor = { roles: readonly Role[]; ownedUnits: readonly string[] };

export const mayEditAnyBudget = (editor: BudgetEditor) => editor.roles.includes("finance") || editor.roles.includes("admin");

/**
 * The business units a scope lies in on a day, by the mappings then in effect: one for a unit, an
 * app or a cost center mapped in one unit; empty for an unmapped app or cost center, and for a tag
 * (its usage can be anyone's).
 */
function unitsOf(scope: string, mappings: readonly OrgMapping[], day: string): string[] {
  const s = parseScope(scope);
  if (!s) return [];
  if (s.kind === "business-unit") return [s.businessUnit];
  if (s.kind === "tag") return [];
  const matching = mappings.filter((m) => (s.kind === "app" ? m.appId === s.appId : m.costCenter === s.costCenter) && inEffect(m, day));
  return [...new Set(matching.map((m) => m.businessUnit))];
}

/**
 * Why this editor may not save these budgets over the stored ones; empty when they may. An owner
 * sets budgets of the apps and cost centers of their own units, and may lower (never raise, never
 * create or lift) their unit's own budget: raising it is finance's decision.
 */
export function refusedBudgetChanges(editor: BudgetEditor, stored: readonly Budget[], incoming: readonly Budget[], mappings: readonly OrgMapping[]): string[] {
  if (mayEditAnyBudget(editor)) return [];
  const owned = new Set(editor.ownedUnits);
  const problems: string[] = [];
  for (const b of incoming) {
    const s = parseScope(b.scope);
    const units = unitsOf(b.scope, mappings, b.validFrom);
    if (s?.kind === "tag") {
      problems.push(`${b.scope}: only finance and admins set tag budgets (a tag's usage can be any unit's)`);
      continue;
    }
    if (units.length === 0 || units.some((u) => !owned.has(u))) {
      problems.push(`${b.scope}: not in a business unit you own on ${b.validFrom}`);
      continue;
    }
    if (s?.kind !== "business-unit") continue;
    const before = stored.find((old) => old.scope === b.scope && inEffect(old, b.validFrom));
    if (!before) problems.push(`${b.scope}: only finance sets your own unit's budget; you may lower it once set`);
    else if (new Decimal(b.amount).greaterThan(before.amount))
      problems.push(`${b.scope}: you may not raise your own unit's budget (${before.amount} to ${b.amount}); ask finance`);
    else if (b.hard !== before.hard && !b.hard) problems.push(`${b.scope}: you may not lift your own unit's hard limit; ask finance`);
    else if (before.validTo !== null && (b.validTo === null || b.validTo > before.validTo))
      problems.push(`${b.scope}: you may not extend your own unit's budget past ${before.validTo}; ask finance`);
  }
  return problems;
}

/** The budgets this editor may see: finance and admins all; an owner those of their units' scopes. */
export function visibleBudgets(editor: BudgetEditor, budgets: readonly Budget[], mappings: readonly OrgMapping[]): Budget[] {
  if (editor.roles.length > 0) return [...budgets];
  const owned = new Set(editor.ownedUnits);
  return budgets.filter((b) => {
    const units = unitsOf(b.scope, mappings, b.validFrom);
    return units.length > 0 && units.every((u) => owned.has(u));
  });
}
