import { loadAttribution } from "../allocation/attributedUsage";
import { loadChargedUsage } from "../pricing/chargedUsage";
import { loadCharges } from "../pricing/loadCharges";
import { splitByWeight } from "../pricing/money";
import { lineKey } from "../statements/statementLine";
import type { DailyUsage, UsageStore } from "../store/port";
import { monthDays } from "./month";

/** What one value of a dimension (or "" = none) holds of a statement line, live: exact cost and counts. */
export type Share = { atto: bigint; requests: number; totalTokens: number };
/** Per statement line (lineKey), per value ("" for usage without the dimension). */
export type DimensionShares = Map<string, Map<string, Share>>;

const dayKey = (u: Pick<DailyUsage, "day" | "appId" | "deployment">) => `${u.day}|${u.appId}|${u.deployment}`;

/**
 * A month's live cost per statement line and dimension value: each per-value rollup is charged at
 * the prices of its day like the rollup it is part of, and what is left of that rollup is the
 * line's untagged part, so the values of a line add up to its cost exactly. Provisioned capacity,
 * charged per app and day, is split among the values by the app's tokens on that deployment that
 * day (docs/tags-and-outcomes.md); idle capacity belongs to no value.
 */
export async function dimensionShares(store: UsageStore, month: string, dimension: string): Promise<DimensionShares> {
  const { from, to } = monthDays(month);
  const [{ rows }, byValue, charges] = await Promise.all([loadChargedUsage(store, month), store.listDailyDimensionUsage(from, to, dimension), loadCharges(store)]);
  const attribution = await loadAttribution(store, month, rows);
  const shares: DimensionShares = new Map();
  const add = (u: DailyUsage, model: string, value: string, share: Share) => {
    // A split row's share goes to each of its lines as the statement splits the row.
    const holders = attribution.sharesOf(u.appId, u.deployment, u.day);
    const weights = holders.map((h) => h.weight);
    const [atto, requests, totalTokens] = [share.atto, BigInt(share.requests), BigInt(share.totalTokens)].map((amount) => splitSigned(amount, weights));
    holders.forEach((h, i) => {
      const key = lineKey({ businessUnit: h.businessUnit, costCenter: h.costCenter, appId: u.appId, model, rule: h.rule });
      const line = shares.get(key) ?? new Map<string, Share>();
      const into = line.get(value) ?? { atto: 0n, requests: 0, totalTokens: 0 };
      into.atto += atto[i];
      into.requests += Number(requests[i]);
      into.totalTokens += Number(totalTokens[i]);
      line.set(value, into);
      shares.set(key, line);
    });
  };
  const modelOf = (u: DailyUsage, c: ReturnType<typeof charges.charge>) => (c.priced ? c.modelId : u.model || u.deployment);
  // Tokens per (day, app, deployment): in all, and per value, for provisioned capacity.
  const tokensOn = new Map<string, bigint>();
  const valueTokensOn = new Map<string, Map<string, bigint>>();
  for (const u of byValue) {
    const c = charges.charge(u);
    add(u, modelOf(u, c), u.value, { atto: c.priced ? c.atto : 0n, requests: Number(u.requests), totalTokens: Number(u.totalTokens) });
    add(u, modelOf(u, c), "", { atto: c.priced ? -c.atto : 0n, requests: -Number(u.requests), totalTokens: -Number(u.totalTokens) });
    const perValue = valueTokensOn.get(dayKey(u)) ?? new Map<string, bigint>();
    perValue.set(u.value, (perValue.get(u.value) ?? 0n) + u.totalTokens);
    valueTokensOn.set(dayKey(u), perValue);
  }
  for (const { charge, ...u } of rows) if (u.tokenKinds !== 0) tokensOn.set(dayKey(u), (tokensOn.get(dayKey(u)) ?? 0n) + u.totalTokens);
  for (const { charge, ...u } of rows) {
    const atto = charge.priced ? charge.atto : 0n;
    const model = modelOf(u, charge);
    add(u, model, "", { atto, requests: Number(u.requests), totalTokens: Number(u.totalTokens) });
    const perValue = valueTokensOn.get(dayKey(u));
    if (u.tokenKinds !== 0 || atto === 0n || !perValue) continue;
    // A provisioned-capacity row (no tokens of its own): its value shares follow the app's tokens.
    const values = [...perValue.keys()];
    const tagged = values.map((v) => perValue.get(v)!);
    const untagged = (tokensOn.get(dayKey(u)) ?? 0n) - tagged.reduce((a, b) => a + b, 0n);
    const parts = splitByWeight(atto, [untagged, ...tagged]);
    values.forEach((v, i) => {
      add(u, model, v, { atto: parts[i + 1], requests: 0, totalTokens: 0 });
      add(u, model, "", { atto: -parts[i + 1], requests: 0, totalTokens: 0 });
    });
  }
  return shares;
}

/** splitByWeight for amounts taken away as well as added (the untagged part is the line less its tagged parts). */
const splitSigned = (amount: bigint, weights: bigint[]) => (amount < 0n ? splitByWeight(-amount, weights).map((p) => -p) : splitByWeight(amount, weights));
