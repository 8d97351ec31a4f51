import { allocateCents, formatCents, parseCents } from "../core/money";
import { dayBefore } from "../core/months";
import { itemAt } from "../core/arrays";
import type { AttributedUsage } from "../allocation/attributedUsage";
import { TOKEN_DETAILS } from "../pricing/billedTokens";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { ReportRow } from "./getChargebackReport";
import { lineMatches } from "./filterLines";
import type { ReportFilters } from "./reportFilters";
import { includesUnit, type ReportScope } from "./reportScope";
import { rowChanges, type RowChanges } from "./rowChanges";

/** One breakdown of a day: its rows (cents allocated to add up to the day's total), each against the day before. */
export type DayBreakdown = { rows: ReportRow[]; changes: RowChanges };
/** Tokens of one kind on the day and the day before. */
export type DayKind = { kind: string; label: string; count: number; previous: number };

export type DayReport = {
  day: string;
  previousDay: string;
  currency: string;
  total: string;
  previousTotal: string;
  byUnit: DayBreakdown;
  byApp: DayBreakdown;
  byModel: DayBreakdown;
  kinds: DayKind[];
};

const KINDS: [key: keyof AttributedUsage, label: string][] = [
  ["requests", "Requests"],
  ["promptTokens", "Prompt tokens"],
  ["cachedTokens", "Cached prompt tokens"],
  ["completionTokens", "Completion tokens"],
  ["reasoningTokens", "Reasoning tokens"],
  ...TOKEN_DETAILS.map((d): [keyof AttributedUsage, string] => [
    d,
    d
      .replace(/Tokens$/, "")
      .replace(/([A-Z])/g, " $1")
      .toLowerCase(),
  ]),
];

type Key = (r: AttributedUsage, appNames: ReadonlyMap<string, string>) => [key: string, name: string];
/** The model a row is reported under, as the month's lines name it (the priced model, else what the event said). */
const modelOf = (r: AttributedUsage) => (r.charge.priced ? r.charge.modelId : r.model || r.deployment);

const BY: Record<"unit" | "app" | "model", Key> = {
  unit: (r) => [r.businessUnit, r.businessUnit === "" ? "Unmapped" : r.businessUnit],
  app: (r, names) => [r.appId, names.get(r.appId) ?? r.appId],
  model: (r) => [modelOf(r), modelOf(r)],
};

/**
 * One UTC day as usage is priced and mapped today (like the daily chart it is opened from): its
 * cost by business unit, app and model, and its tokens by kind, each beside the day before (which
 * may be in the previous month). Only the units the scope may see (unmapped usage only with every
 * unit), narrowed by the unit, cost center, app and model filters. Markups and corrections are
 * booked per month, not per day, so they are not in it.
 */
export async function getDayReport(reader: LedgerReader, day: string, scope: ReportScope, filters: ReportFilters): Promise<DayReport> {
  const previousDay = dayBefore(day);
  const [ledger, before, { apps }] = await Promise.all([reader.ledger(day.slice(0, 7)), reader.ledger(previousDay.slice(0, 7)), reader.catalog()]);
  const names = new Map(apps.map((a) => [a.appId, a.displayName]));
  const seen = (r: AttributedUsage) => (r.businessUnit === "" ? scope.units === "all" : includesUnit(scope, r.businessUnit)) && lineMatches(lineOf(r), filters);
  const today = ledger.attributed.filter((r) => r.day === day && seen(r));
  const yesterday = before.attributed.filter((r) => r.day === previousDay && seen(r));
  const breakdown = (key: Key): DayBreakdown => {
    const now = rowsBy(today, key, names);
    return { rows: now, changes: rowChanges(now, rowsBy(yesterday, key, names), previousDay) };
  };
  const sum = (rows: readonly AttributedUsage[], k: keyof AttributedUsage) => rows.reduce((n, r) => n + Number(r[k] as bigint), 0);
  const kinds = KINDS.map(([key, label]) => ({ kind: String(key), label, count: sum(today, key), previous: sum(yesterday, key) })).filter(
    (k, i) => i < 4 || k.count !== 0 || k.previous !== 0,
  );
  const cents = (rows: readonly AttributedUsage[]) =>
    formatCents(itemAt(allocateCents([rows.reduce((a, r) => a + (r.charge.priced ? r.charge.atto : 0n), 0n)]), 0));
  return {
    day,
    previousDay,
    currency: ledger.currency,
    total: cents(today),
    previousTotal: cents(yesterday),
    byUnit: breakdown(BY.unit),
    byApp: breakdown(BY.app),
    byModel: breakdown(BY.model),
    kinds,
  };
}

const lineOf = (r: AttributedUsage) => ({ businessUnit: r.businessUnit, costCenter: r.costCenter, appId: r.appId, model: modelOf(r) });

/** Rows by the key, largest cost first, their cents allocated once so they add up to the day's total. */
function rowsBy(rows: readonly AttributedUsage[], key: Key, names: ReadonlyMap<string, string>): ReportRow[] {
  const groups = new Map<
    string,
    { name: string; atto: bigint; listAtto: bigint; requests: number; prompt: number; cached: number; completion: number; total: number }
  >();
  for (const r of rows) {
    const [k, name] = key(r, names);
    const g = groups.get(k) ?? { name, atto: 0n, listAtto: 0n, requests: 0, prompt: 0, cached: 0, completion: 0, total: 0 };
    if (r.charge.priced) {
      g.atto += r.charge.atto;
      g.listAtto += r.charge.listAtto;
    }
    g.requests += Number(r.requests);
    g.prompt += Number(r.promptTokens);
    g.cached += Number(r.cachedTokens);
    g.completion += Number(r.completionTokens);
    g.total += Number(r.totalTokens);
    groups.set(k, g);
  }
  const list = [...groups];
  const cents = allocateCents(list.map(([, g]) => g.atto));
  const listCents = allocateCents(list.map(([, g]) => g.listAtto));
  return list
    .map(([k, g], i) => ({
      key: k,
      name: g.name,
      cost: formatCents(itemAt(cents, i)),
      listCost: formatCents(itemAt(listCents, i)),
      requests: g.requests,
      promptTokens: g.prompt,
      cachedTokens: g.cached,
      completionTokens: g.completion,
      totalTokens: g.total,
    }))
    .sort((a, b) => (parseCents(a.cost) === parseCents(b.cost) ? a.name.localeCompare(b.name) : parseCents(a.cost) > parseCents(b.cost) ? -1 : 1));
}
