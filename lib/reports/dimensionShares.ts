import { unallocated, type Share as Holder } from "../allocation/attribution";
import type { LedgerReader } from "../ledger/ledgerReader";
import { CAPACITY_OPERATION } from "../pricing/chargedUsage";
import { splitByWeight } from "../core/money";
import { lineKey } from "../statements/statementLine";
import type { DailyUsage } from "../store/port";
import { itemAt } from "../core/arrays";

/** What one value of a dimension holds of a statement line, live: exact cost and counts. */
export type Share = { atto: bigint; requests: number; totalTokens: number };
/** Per statement line (lineKey), per value; what no value holds is the line's untagged part. */
export type DimensionShares = Map<string, Map<string, Share>>;

const dayKey = (u: Pick<DailyUsage, "day" | "appId" | "deployment">) => `${u.day}|${u.appId}|${u.deployment}`;

/**
 * A month's live cost per statement line and dimension value: each per-value rollup is charged at
 * the prices of its day, like the rollup it is part of. Provisioned capacity, charged per app and
 * day, is split among the values by the app's tokens on that deployment that day
 * (docs/tags-and-outcomes.md); idle capacity belongs to no value.
 */
export function dimensionShares(reader: LedgerReader, month: string, dimension: string): Promise<DimensionShares> {
  // Materialized per dimension, on the first view that asks for it.
  return reader.figures(month).part(`dim:${dimension}`, () => measureDimensionShares(reader, month, dimension), {
    encode: (shares) => [...shares].map(([key, values]) => [key, [...values]]),
    decode: (plain: [string, [string, Share][]][]) => new Map(plain.map(([key, values]) => [key, new Map(values)])),
  });
}

async function measureDimensionShares(reader: LedgerReader, month: string, dimension: string): Promise<DimensionShares> {
  const [byValue, ledger] = await Promise.all([reader.dimensionUsage(month, dimension), reader.ledger(month)]);
  const { attribution } = ledger;
  const { charges } = ledger.catalog;
  const shares: DimensionShares = new Map();
  const holdersOf = (u: DailyUsage, value: string): readonly Holder[] => {
    const rule = attribution.ruleOn(u.appId, u.deployment, u.day);
    // A share by this very tag gives each value to the part named for it (unnamed values to the
    // rule's unallocated line), as its statement does; any other split gives every part a slice.
    if (rule?.basis !== dimension) return attribution.sharesOf(u.appId, u.deployment, u.day);
    const part = rule.parts.find((p) => p.tagValue === value);
    return [part ? { businessUnit: part.businessUnit, costCenter: part.costCenter, rule: rule.id, weight: 1n } : unallocated(rule.id)];
  };
  const add = (u: DailyUsage, model: string, value: string, share: Share) => {
    const holders = holdersOf(u, value);
    const weights = holders.map((h) => h.weight);
    const atto = splitByWeight(share.atto, weights);
    const requests = splitByWeight(BigInt(share.requests), weights);
    const totalTokens = splitByWeight(BigInt(share.totalTokens), weights);
    holders.forEach((h, i) => {
      const key = lineKey({ businessUnit: h.businessUnit, costCenter: h.costCenter, appId: u.appId, model, rule: h.rule });
      const line = shares.get(key) ?? new Map<string, Share>();
      const into = line.get(value) ?? { atto: 0n, requests: 0, totalTokens: 0 };
      // One part per holder in each of the three splits.
      into.atto += itemAt(atto, i);
      into.requests += Number(itemAt(requests, i));
      into.totalTokens += Number(itemAt(totalTokens, i));
      line.set(value, into);
      shares.set(key, line);
    });
  };
  // Tokens per value on each (day, app, deployment), for provisioned capacity.
  const valueTokensOn = new Map<string, Map<string, bigint>>();
  for (const u of byValue) {
    const c = charges.charge(u);
    add(u, c.priced ? c.modelId : u.model || u.deployment, u.value, {
      atto: c.priced ? c.atto : 0n,
      requests: Number(u.requests),
      totalTokens: Number(u.totalTokens),
    });
    const perValue = valueTokensOn.get(dayKey(u)) ?? new Map<string, bigint>();
    perValue.set(u.value, (perValue.get(u.value) ?? 0n) + u.totalTokens);
    valueTokensOn.set(dayKey(u), perValue);
  }
  if (valueTokensOn.size === 0) return shares;
  const tokensOn = new Map<string, bigint>();
  for (const h of ledger.usage.hourly) {
    const key = dayKey({ day: h.hour.slice(0, 10), appId: h.appId, deployment: h.deployment });
    tokensOn.set(key, (tokensOn.get(key) ?? 0n) + BigInt(h.totalTokens));
  }
  for (const { charge, ...u } of ledger.charged.filter((r) => r.operation === CAPACITY_OPERATION)) {
    const perValue = valueTokensOn.get(dayKey(u));
    if (!charge.priced || !perValue) continue;
    const values = [...perValue.keys()];
    const tagged = values.map((v) => perValue.get(v)!);
    const untagged = (tokensOn.get(dayKey(u)) ?? 0n) - tagged.reduce((a, b) => a + b, 0n);
    const parts = splitByWeight(charge.atto, [untagged > 0n ? untagged : 0n, ...tagged]);
    values.forEach((v, i) => add(u, charge.modelId, v, { atto: itemAt(parts, i + 1), requests: 0, totalTokens: 0 }));
  }
  return shares;
}
