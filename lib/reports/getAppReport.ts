import { MODEL_TIME_BUCKETS_MS, percentileBound } from "../events/modelTimeBuckets";
import type { DirectoryEntry } from "../identity/directoryEntry";
import { Attribution } from "../allocation/attribution";
import { allocateCents, formatCents } from "../core/money";
import { addTokens, noTokens, type Tokens } from "../statements/statementLine";
import { readAppRows } from "./monthFigures";
import type { HourlyAppUsage } from "../store/port";
import type { ReportRow } from "./getChargebackReport";
import { readAppLines } from "./storedAppLines";
import type { LedgerReader } from "../ledger/ledgerReader";
import { monthDays } from "../core/months";
import { includesUnit, type ReportScope } from "./reportScope";
import { itemAt } from "../core/arrays";
import { appVisible } from "./appVisibility";

/** A period of the app's mapping; unit and cost center are null in a period it belonged to a unit the caller may not see. */
export type MappingPeriod = { businessUnit: string | null; costCenter: string | null; validFrom: string; validTo: string | null };
export type AppReport = {
  appId: string;
  appName: string;
  month: string;
  currency: string;
  closed: boolean;
  total: string;
  tokens: Tokens;
  adjustments: string;
  avgModelTimeMs: number | null;
  /** The 95th percentile's histogram bound: 95% of timed calls took at most this (Infinity: over a minute). */
  p95ModelTimeMs: number | null;
  byModel: ReportRow[];
  byDeployment: ReportRow[];
  byOperation: ReportRow[];
  daily: { day: string; cost: string; requests: number }[];
  hourly: { hour: string; requests: number }[];
  mappings: MappingPeriod[];
  /** What Microsoft Graph says of the app; null until `chargeback apps sync` has looked it up. */
  directory: DirectoryEntry | null;
};

type Bucket = { key: string; atto: bigint; tokens: Tokens };

/**
 * One app's month, limited to the usage attributed to the units the scope may see: cost by
 * model (from the month's statement lines, so it matches every other view), by deployment,
 * operation and day (split of the same cents), hourly requests and model time.
 * Null when the scope may see none of it (or the app is unknown).
 */
export async function getAppReport(reader: LedgerReader, appId: string, month: string, scope: ReportScope): Promise<AppReport | null> {
  const { from, to } = monthDays(month);
  const [{ lines, currency, closed }, { mappings, splitRules: rules, apps }, usage, directory] = await Promise.all([
    readAppLines(reader, month, appId),
    reader.catalog(),
    readAppRows(reader, month, appId),
    reader.store.listDirectoryEntries(),
  ]);
  const attribution = new Attribution(mappings, rules);
  const everything = scope.units === "all";
  const visibleUnit = (unit: string | undefined) => (unit === undefined || unit === "" ? everything : includesUnit(scope, unit));
  if (!appVisible(appId, { from, to }, lines, { mappings, apps }, scope)) return null;
  const history = mappings.filter((m) => m.appId === appId).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const appLines = lines.filter((l) => l.appId === appId && visibleUnit(l.businessUnit));

  const usageCents = appLines.filter((l) => l.kind === "usage").reduce((sum, l) => sum + l.cents, 0n);
  // Corrections and a true-up to the invoice both adjust what the app's usage cost.
  const adjustmentCents = appLines.filter((l) => l.kind !== "usage").reduce((sum, l) => sum + l.cents, 0n);
  const tokens = noTokens();
  const byModel = new Map<string, Bucket & { cents: bigint }>();
  for (const l of appLines) {
    const row = byModel.get(l.model) ?? { key: l.model, atto: 0n, cents: 0n, tokens: noTokens() };
    row.cents += l.cents;
    if (l.kind === "usage") {
      addTokens(row.tokens, l.tokens);
      addTokens(tokens, l.tokens);
    }
    byModel.set(l.model, row);
  }

  const byDeployment = new Map<string, Bucket>();
  const byOperation = new Map<string, Bucket>();
  const byDay = new Map<string, Bucket>();
  for (const u of usage) {
    if (!visibleUnit(u.businessUnit)) continue;
    // Split the app's cents as they were charged: after discounts, day by day.
    const { atto, tokens: t } = u;
    for (const [map, key] of [
      [byDeployment, u.deployment || "(none)"],
      [byOperation, u.operation || "(unknown)"],
      [byDay, u.day],
    ] as const) {
      const b = map.get(key) ?? { key, atto: 0n, tokens: noTokens() };
      b.atto += atto;
      addTokens(b.tokens, t);
      map.set(key, b);
    }
  }
  // The month's usage cents, split again by deployment, operation and day: each table adds up.
  const split = (map: Map<string, Bucket>) => {
    const list = [...map.values()];
    const cents = allocateCents(
      list.map((b) => b.atto),
      usageCents,
    );
    return list.map((b, i) => ({ ...b, cents: itemAt(cents, i) }));
  };
  const rows = (list: (Bucket & { cents: bigint })[]): ReportRow[] =>
    list
      .sort((a, b) => (a.cents === b.cents ? a.key.localeCompare(b.key) : a.cents > b.cents ? -1 : 1))
      .map((b) => ({ key: b.key, name: b.key, cost: formatCents(b.cents), ...b.tokens }));

  // Requests and model time are not money: a unit carrying any share of the hour sees it.
  const hours = (await reader.store.listHourlyAppUsage(appId, from, to)).filter((h) =>
    attribution.unitsOn(appId, h.deployment, h.hour.slice(0, 10)).some(visibleUnit),
  );
  const timed = hours.reduce((n, h) => n + h.timedRequests, 0);
  const buckets = hours.reduce((sum, h) => sum.map((c, i) => c + (h.buckets[i] ?? 0)), new Array<number>(MODEL_TIME_BUCKETS_MS.length + 1).fill(0));
  return {
    appId,
    appName: apps.find((a) => a.appId === appId)?.displayName ?? appId,
    month,
    currency,
    closed,
    total: formatCents(usageCents + adjustmentCents),
    tokens,
    adjustments: formatCents(adjustmentCents),
    avgModelTimeMs: timed ? Math.round(hours.reduce((n, h) => n + h.modelTimeMs, 0) / timed) : null,
    p95ModelTimeMs: percentileBound(buckets, 0.95),
    byModel: rows([...byModel.values()]),
    byDeployment: rows(split(byDeployment)),
    byOperation: rows(split(byOperation)),
    daily: split(byDay)
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((b) => ({ day: b.key, cost: formatCents(b.cents), requests: b.tokens.requests })),
    hourly: requestsPerHour(hours),
    directory: directory.find((e) => e.appId === appId) ?? null,
    mappings: history.map((m) => ({
      businessUnit: visibleUnit(m.businessUnit) ? m.businessUnit : null,
      costCenter: visibleUnit(m.businessUnit) ? m.costCenter : null,
      validFrom: m.validFrom,
      validTo: m.validTo,
    })),
  };
}

/**
 * Hourly rows come one per deployment: the chart wants one point per hour. Days older than the
 * hourly window are folded into one row per day (`hour` = the day, lib/retention/rollupCompaction.ts):
 * they count in the model-time figures above, but have no hour to draw.
 */
function requestsPerHour(hours: HourlyAppUsage[]): { hour: string; requests: number }[] {
  const perHour = new Map<string, number>();
  for (const h of hours) if (h.hour.length === 13) perHour.set(h.hour, (perHour.get(h.hour) ?? 0) + h.requests);
  return [...perHour].map(([hour, requests]) => ({ hour, requests }));
}
