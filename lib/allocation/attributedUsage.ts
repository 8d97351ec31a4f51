import { tiersOfKinds } from "../pricing/tokenKinds";
import { noDetails } from "../pricing/billedTokens";
import { chargedRow, type ChargedUsage, type UsageCounts } from "../pricing/chargedUsage";
import type { OrgMapping } from "../org/orgMapping";
import { attoPerToken, splitByWeight } from "../core/money";
import { inEffect } from "../core/effectiveDated";
import { monthDays, nextDay } from "../core/months";
import type { DailyUsage } from "../store/port";
import { Attribution, type Holder, type Share } from "./attribution";
import { measureShares, type TagUsage } from "./measureShares";
import { overheadAppId, type SplitRule } from "./splitRule";
import { itemAt } from "../core/arrays";

/** A charged row (or the part of it) one holder carries. */
export type AttributedUsage = ChargedUsage & Holder;

const COUNTS = ["requests", "promptTokens", "cachedTokens", "completionTokens", "reasoningTokens", "totalTokens", "modelTimeMs"] as const;

/**
 * A month's charged usage (and the fixed overheads of split rules) as every report attributes it:
 * each row to its holders, its cost, list cost and counts divided among them exactly (largest
 * remainder in 10^-18 units), so the parts of every row add up to the row.
 */
export function attributeMonth(month: string, rows: readonly ChargedUsage[], attribution: Attribution): AttributedUsage[] {
  const attributed: AttributedUsage[] = [];
  for (const r of [...rows, ...overheadRows(attribution.rules, month)]) {
    const shares = attribution.sharesOf(r.appId, r.deployment, r.day);
    const [only, ...more] = shares;
    if (only && more.length === 0) attributed.push(heldRow(r, r.charge, only));
    else attributed.push(...attributeRow(r, shares));
  }
  return attributed;
}

/**
 * The attribution of a month by these mappings and rules, share rules measured on its charged
 * rows and on the tag usage of the tag keys they share by.
 */
export function attributionOf(
  mappings: readonly OrgMapping[],
  rules: readonly SplitRule[],
  rows: readonly ChargedUsage[],
  tagUsage: ReadonlyMap<string, readonly TagUsage[]>,
): Attribution {
  const plain = new Attribution(mappings, rules);
  return new Attribution(
    mappings,
    rules,
    measureShares(plain, rows, (key) => tagUsage.get(key) ?? []),
  );
}

/** The tag keys the rules in effect in the month share by: their tag usage is what measures them. */
export function tagKeysOf(rules: readonly SplitRule[], month: string): string[] {
  const { from, to } = monthDays(month);
  return [
    ...new Set(rules.flatMap((r) => (r.basis?.startsWith("tag:") && r.validFrom < to && (r.validTo === null || r.validTo > from) ? [r.basis.slice(4)] : []))),
  ];
}

/** One row divided among its holders; a row with one holder stays whole. */
export function attributeRow(row: ChargedUsage, shares: readonly Share[]): AttributedUsage[] {
  const [only, ...more] = shares;
  if (only && more.length === 0) return [heldRow(row, row.charge, only)];
  const weights = shares.map((s) => s.weight);
  const counts = COUNTS.map((c) => splitByWeight(row[c], weights));
  const charge = row.charge;
  const atto = charge.priced ? splitByWeight(charge.atto, weights) : [];
  const listAtto = charge.priced ? splitByWeight(charge.listAtto, weights) : [];
  return shares.map((s, i) =>
    heldRow(
      row,
      charge.priced ? { ...charge, atto: itemAt(atto, i), listAtto: itemAt(listAtto, i) } : charge,
      s,
      // Each list of parts has one part per share.
      Object.fromEntries(COUNTS.map((c, k) => [c, itemAt(itemAt(counts, k), i)])) as UsageCounts,
    ),
  );
}

/**
 * The part of `row` a holder carries, its fields named (chargedRow) and the holder's added in one
 * order, so every attributed row of a month shares one hidden class: as `{ ...row, ...holder }`.
 */
function heldRow(row: ChargedUsage, charge: ChargedUsage["charge"], { businessUnit, costCenter, rule }: Holder, counts: UsageCounts = row): AttributedUsage {
  const held = chargedRow(row, charge, counts) as AttributedUsage;
  held.businessUnit = businessUnit;
  held.costCenter = costCenter;
  held.rule = rule;
  return held;
}

/**
 * An overhead rule's amount per month spread over the month's days by largest remainder, one
 * row for each day the rule is in effect: a whole month adds up to the amount exactly.
 */
export function overheadRows(rules: readonly SplitRule[], month: string): ChargedUsage[] {
  const { from, to } = monthDays(month);
  const days: string[] = [];
  for (let d = from; d < to; d = nextDay(d)) days.push(d);
  return rules.flatMap((rule) => {
    if (rule.amount === null) return [];
    const amount = attoPerToken(rule.amount, 1);
    const daily = splitByWeight(
      amount,
      days.map(() => 1n),
    );
    const price = { atto: amount, meterId: "", meterName: `overhead ${rule.id}`, from: rule.validFrom, per: "month" };
    return days.flatMap((day, i): ChargedUsage[] => {
      if (!inEffect(rule, day)) return [];
      const usage: DailyUsage = {
        day,
        appId: overheadAppId(rule.id),
        deployment: "",
        model: "overhead",
        region: "",
        operation: "overhead",
        tokenKinds: 0,
        ...tiersOfKinds(0),
        ...noDetails(),
        requests: 0n,
        promptTokens: 0n,
        cachedTokens: 0n,
        completionTokens: 0n,
        reasoningTokens: 0n,
        totalTokens: 0n,
        modelTimeMs: 0n,
      };
      return [{ ...usage, charge: { priced: true, atto: itemAt(daily, i), listAtto: itemAt(daily, i), modelId: "overhead", prices: [price] } }];
    });
  });
}
