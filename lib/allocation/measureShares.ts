import { inEffect } from "../core/effectiveDated";
import type { ChargedUsage } from "../pricing/chargedUsage";
import { unallocated, type Attribution, type Share } from "./attribution";
import type { SplitRule } from "./splitRule";
import { itemAt } from "../core/arrays";

/** Usage of one tag value (a `DimensionUsage` row of dimension `tag:<key>`), as far as a share needs it. */
export type TagUsage = { day: string; appId: string; deployment: string; value: string; totalTokens: bigint };

/**
 * The weights of each share rule over a period (a month's rows): for `tokens` or `cost`, what
 * each part's cost center's own apps (plainly mapped, not split by any rule) used or cost on
 * the days the rule is in effect; for `tag:<key>`, the tokens of the rule's app or deployment
 * (any app for an overhead) tagged with each part's value. Tag values no part names are the
 * rule's unallocated share; a basis that measured nothing leaves it all unallocated.
 */
export function measureShares(attribution: Attribution, rows: readonly ChargedUsage[], tagRows: (key: string) => readonly TagUsage[]): Map<string, Share[]> {
  const measured = new Map<string, Share[]>();
  for (const rule of attribution.rules.filter((r) => r.method === "share")) {
    const weights = rule.basis!.startsWith("tag:") ? tagWeights(rule, tagRows(rule.basis!.slice(4))) : ownAppWeights(rule, attribution, rows);
    const shares: Share[] = rule.parts.map((p, i) => ({
      businessUnit: p.businessUnit,
      costCenter: p.costCenter,
      rule: rule.id,
      weight: itemAt(weights.parts, i),
    }));
    if (weights.other > 0n) shares.push(unallocated(rule.id, weights.other));
    measured.set(rule.id, shares.some((s) => s.weight > 0n) ? shares : [unallocated(rule.id)]);
  }
  return measured;
}

type Weights = { parts: bigint[]; other: bigint };

function ownAppWeights(rule: SplitRule, attribution: Attribution, rows: readonly ChargedUsage[]): Weights {
  const index = new Map(rule.parts.map((p, i) => [`${p.businessUnit}|${p.costCenter}`, i]));
  const parts = rule.parts.map(() => 0n);
  for (const r of rows) {
    if (!inEffect(rule, r.day) || attribution.ruleOn(r.appId, r.deployment, r.day)) continue;
    const m = attribution.mappingOn(r.appId, r.day);
    const i = m && index.get(`${m.businessUnit}|${m.costCenter}`);
    if (i === undefined) continue;
    parts[i] = itemAt(parts, i) + (rule.basis === "tokens" ? r.totalTokens : r.charge.priced ? r.charge.atto : 0n);
  }
  return { parts, other: 0n };
}

function tagWeights(rule: SplitRule, rows: readonly TagUsage[]): Weights {
  const index = new Map(rule.parts.map((p, i) => [p.tagValue!, i]));
  const parts = rule.parts.map(() => 0n);
  let other = 0n;
  for (const r of rows) {
    if (!inEffect(rule, r.day)) continue;
    if (rule.appId !== null ? r.appId !== rule.appId : rule.deployment !== null && r.deployment !== rule.deployment) continue;
    const i = index.get(r.value);
    if (i === undefined) other += r.totalTokens;
    else parts[i] = itemAt(parts, i) + r.totalTokens;
  }
  return { parts, other };
}
