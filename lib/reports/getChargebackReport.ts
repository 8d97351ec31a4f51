import { z } from "zod";
import { OrgDirectory } from "../org/orgMapping";
import { loadPricer } from "../pricing/loadPricer";
import { allocateCents, formatCents } from "../pricing/money";
import type { DailyUsage, UsageStore } from "../store/port";
import { monthDays } from "./month";

export const REPORT_DIMENSIONS = ["business-unit", "cost-center", "app", "model"] as const;
export const ReportDimension = z.enum(REPORT_DIMENSIONS, { error: `--by must be one of ${REPORT_DIMENSIONS.join(", ")}` });
export type ReportDimension = z.infer<typeof ReportDimension>;

type Tokens = { requests: number; promptTokens: number; cachedTokens: number; completionTokens: number; totalTokens: number };
export type ReportRow = { key: string; name: string; cost: string } & Tokens;
export type ChargebackReport = {
  month: string;
  currency: string;
  total: string;
  rows: ReportRow[];
  unmapped: { cost: string; requests: number; apps: { appId: string; cost: string; requests: number }[] };
  unpriced: { requests: number; totalTokens: number; reasons: { reason: string; requests: number; totalTokens: number }[] };
};

type Bucket = { key: string; name: string; atto: bigint; tokens: Tokens };

/**
 * The month's cost by business unit, cost center, app or model. Usage is priced per day at the
 * rates then in effect and attributed by the mapping then in effect; usage of unmapped apps is
 * reported as such. Cents are allocated once so rows plus unmapped equal the total exactly.
 */
export async function getChargebackReport(store: UsageStore, month: string, by: ReportDimension): Promise<ChargebackReport> {
  const { from, to } = monthDays(month);
  const [usage, pricer, mappings, apps] = await Promise.all([
    store.listDailyUsage(from, to),
    loadPricer(store),
    store.listOrgMappings(),
    store.listApps(),
  ]);
  const org = new OrgDirectory(mappings);
  const appNames = new Map(apps.map((a) => [a.appId, a.displayName]));
  const rows = new Map<string, Bucket>();
  const unmappedApps = new Map<string, Bucket>();
  const unpricedReasons = new Map<string, { reason: string; requests: number; totalTokens: number }>();

  for (const u of usage) {
    const priced = pricer.price(u);
    if (!priced.priced) {
      const entry = unpricedReasons.get(priced.reason) ?? { reason: priced.reason, requests: 0, totalTokens: 0 };
      entry.requests += Number(u.requests);
      entry.totalTokens += Number(u.totalTokens);
      unpricedReasons.set(priced.reason, entry);
    }
    const atto = priced.priced ? priced.atto : 0n;
    const mapping = org.on(u.appId, u.day);
    const appName = appNames.get(u.appId) ?? u.appId;
    if (!mapping) {
      add(unmappedApps, u.appId, appName, atto, u);
      continue;
    }
    const model = priced.priced ? priced.modelId : u.model || u.deployment;
    const [key, name] =
      by === "business-unit" ? [mapping.businessUnit, mapping.businessUnit]
      : by === "cost-center" ? [mapping.costCenter, mapping.costCenter]
      : by === "app" ? [u.appId, appName]
      : [model, model];
    add(rows, key, name, atto, u);
  }

  const sorted = [...rows.values()].sort((a, b) => (a.atto === b.atto ? a.key.localeCompare(b.key) : a.atto > b.atto ? -1 : 1));
  const unmappedList = [...unmappedApps.values()].sort((a, b) => (a.atto > b.atto ? -1 : a.atto < b.atto ? 1 : 0));
  const reasons = [...unpricedReasons.values()].sort((a, b) => b.requests - a.requests);
  // One allocation over rows and unmapped apps, so every figure shown adds up to the total.
  const cents = allocateCents([...sorted, ...unmappedList].map((b) => b.atto));
  const appCents = cents.slice(sorted.length);
  return {
    month,
    currency: pricer.book.currency,
    total: formatCents(cents.reduce((a, b) => a + b, 0n)),
    rows: sorted.map((b, i) => ({ key: b.key, name: b.name, cost: formatCents(cents[i]), ...b.tokens })),
    unmapped: {
      cost: formatCents(appCents.reduce((a, b) => a + b, 0n)),
      requests: unmappedList.reduce((n, b) => n + b.tokens.requests, 0),
      apps: unmappedList.map((b, i) => ({ appId: b.key, cost: formatCents(appCents[i]), requests: b.tokens.requests })),
    },
    unpriced: {
      requests: reasons.reduce((n, r) => n + r.requests, 0),
      totalTokens: reasons.reduce((n, r) => n + r.totalTokens, 0),
      reasons,
    },
  };
}

function add(buckets: Map<string, Bucket>, key: string, name: string, atto: bigint, u: DailyUsage): void {
  let b = buckets.get(key);
  if (!b) {
    b = { key, name, atto: 0n, tokens: { requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, totalTokens: 0 } };
    buckets.set(key, b);
  }
  b.atto += atto;
  b.tokens.requests += Number(u.requests);
  b.tokens.promptTokens += Number(u.promptTokens);
  b.tokens.cachedTokens += Number(u.cachedTokens);
  b.tokens.completionTokens += Number(u.completionTokens);
  b.tokens.totalTokens += Number(u.totalTokens);
}
