import { z } from "zod";
import { OrgDirectory } from "../org/orgMapping";
import { loadPricer } from "../pricing/loadPricer";
import { allocateCents, formatCents } from "../pricing/money";
import type { DailyUsage, UsageStore } from "../store/port";
import { monthDays } from "./month";
import { ALL_UNITS, includesUnit, type ReportScope } from "./reportScope";

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
type Unit = { bucket: Bucket; lines: Map<string, Bucket> };

/**
 * The month's cost by business unit, cost center, app or model. Usage is priced per day at the
 * rates then in effect and attributed by the mapping then in effect; usage of unmapped apps is
 * reported as such. Cents are allocated once across business units and unmapped apps, then within
 * each unit, so a unit's figure is the same in every view and every view adds up to its total.
 * A scoped report holds only its units' usage: no other unit's numbers, no unmapped apps.
 */
export async function getChargebackReport(
  store: UsageStore,
  month: string,
  by: ReportDimension,
  scope: ReportScope = ALL_UNITS,
): Promise<ChargebackReport> {
  const { from, to } = monthDays(month);
  const [usage, pricer, mappings, apps] = await Promise.all([
    store.listDailyUsage(from, to),
    loadPricer(store),
    store.listOrgMappings(),
    store.listApps(),
  ]);
  const org = new OrgDirectory(mappings);
  const appNames = new Map(apps.map((a) => [a.appId, a.displayName]));
  const units = new Map<string, Unit>();
  const unmappedApps = new Map<string, Bucket>();
  const unpricedReasons = new Map<string, { reason: string; requests: number; totalTokens: number }>();

  for (const u of usage) {
    const mapping = org.on(u.appId, u.day);
    const visible = mapping ? includesUnit(scope, mapping.businessUnit) : scope.units === "all";
    const priced = pricer.price(u);
    if (!priced.priced && visible) {
      const entry = unpricedReasons.get(priced.reason) ?? { reason: priced.reason, requests: 0, totalTokens: 0 };
      entry.requests += Number(u.requests);
      entry.totalTokens += Number(u.totalTokens);
      unpricedReasons.set(priced.reason, entry);
    }
    const atto = priced.priced ? priced.atto : 0n;
    const appName = appNames.get(u.appId) ?? u.appId;
    if (!mapping) {
      add(unmappedApps, u.appId, appName, atto, u);
      continue;
    }
    let unit = units.get(mapping.businessUnit);
    if (!unit) {
      unit = { bucket: bucket(mapping.businessUnit, mapping.businessUnit), lines: new Map() };
      units.set(mapping.businessUnit, unit);
    }
    addTo(unit.bucket, atto, u);
    const model = priced.priced ? priced.modelId : u.model || u.deployment;
    const [key, name] =
      by === "business-unit" ? [mapping.businessUnit, mapping.businessUnit]
      : by === "cost-center" ? [mapping.costCenter, mapping.costCenter]
      : by === "app" ? [u.appId, appName]
      : [model, model];
    add(unit.lines, key, name, atto, u);
  }

  // Every unit and unmapped app takes part in the first allocation, whatever the scope, so a
  // unit owner sees to the cent what finance sees for that unit.
  const unitList = [...units.values()];
  const unmappedList = sortByCost([...unmappedApps.values()]);
  const cents = allocateCents([...unitList.map((u) => u.bucket.atto), ...unmappedList.map((b) => b.atto)]);
  const rows = new Map<string, Bucket & { cents: bigint }>();
  unitList.forEach((unit, i) => {
    if (!includesUnit(scope, unit.bucket.key)) return;
    const lines = [...unit.lines.values()];
    allocateCents(lines.map((l) => l.atto), cents[i]).forEach((lineCents, j) => {
      const line = lines[j];
      const row = rows.get(line.key) ?? { ...bucket(line.key, line.name), cents: 0n };
      row.atto += line.atto;
      row.cents += lineCents;
      sumTokens(row.tokens, line.tokens);
      rows.set(line.key, row);
    });
  });
  const appCents = scope.units === "all" ? cents.slice(unitList.length) : [];
  const shownUnmapped = scope.units === "all" ? unmappedList : [];
  const sorted = sortByCost([...rows.values()]);
  const reasons = [...unpricedReasons.values()].sort((a, b) => b.requests - a.requests);
  const unmappedCents = appCents.reduce((a, b) => a + b, 0n);
  return {
    month,
    currency: pricer.book.currency,
    total: formatCents(sorted.reduce((a, r) => a + r.cents, 0n) + unmappedCents),
    rows: sorted.map((r) => ({ key: r.key, name: r.name, cost: formatCents(r.cents), ...r.tokens })),
    unmapped: {
      cost: formatCents(unmappedCents),
      requests: shownUnmapped.reduce((n, b) => n + b.tokens.requests, 0),
      apps: shownUnmapped.map((b, i) => ({ appId: b.key, cost: formatCents(appCents[i]), requests: b.tokens.requests })),
    },
    unpriced: {
      requests: reasons.reduce((n, r) => n + r.requests, 0),
      totalTokens: reasons.reduce((n, r) => n + r.totalTokens, 0),
      reasons,
    },
  };
}

const sortByCost = <B extends Bucket>(list: B[]): B[] =>
  list.sort((a, b) => (a.atto === b.atto ? a.key.localeCompare(b.key) : a.atto > b.atto ? -1 : 1));

const bucket = (key: string, name: string): Bucket => ({
  key,
  name,
  atto: 0n,
  tokens: { requests: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, totalTokens: 0 },
});

function add(buckets: Map<string, Bucket>, key: string, name: string, atto: bigint, u: DailyUsage): void {
  let b = buckets.get(key);
  if (!b) {
    b = bucket(key, name);
    buckets.set(key, b);
  }
  addTo(b, atto, u);
}

function addTo(b: Bucket, atto: bigint, u: DailyUsage): void {
  b.atto += atto;
  sumTokens(b.tokens, {
    requests: Number(u.requests),
    promptTokens: Number(u.promptTokens),
    cachedTokens: Number(u.cachedTokens),
    completionTokens: Number(u.completionTokens),
    totalTokens: Number(u.totalTokens),
  });
}

function sumTokens(into: Tokens, from: Tokens): void {
  into.requests += from.requests;
  into.promptTokens += from.promptTokens;
  into.cachedTokens += from.cachedTokens;
  into.completionTokens += from.completionTokens;
  into.totalTokens += from.totalTokens;
}
