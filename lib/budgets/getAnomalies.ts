import { dayOf, now } from "../core/clock";
import { attoToCents } from "../core/money";
import { monthDays, nextDay } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { AnomalyDecision } from "./anomalyDecision";
import { type HolderDay, type HolderTokens, readHolderDays, TOKEN_KINDS } from "../reports/holderDays";
import { type Anomaly, type DayPoint, findAnomalies, type Series } from "./findAnomalies";
import { asOfDay, budgetFigures, historyMonths } from "./storedBudgetFigures";

/** `until`: for today so far (getTodayAnomalies.ts), the end of the hours compared (`HH:00`, UTC). */
export type FlaggedAnomaly = Anomaly & { decision: AnomalyDecision["decision"] | null; note: string; until?: string };

type Acc = { atto: bigint; parts: Map<string, bigint>; tokens: Map<string, number> };

/**
 * The anomalies of the days `days` per business unit, app and model in `rows` (holder days of the
 * month and the three before it, oldest month first), in the order they are found.
 */
function detect(rows: Iterable<HolderDay>, appNames: ReadonlyMap<string, string>, days: readonly string[]): Anomaly[] {
  const acc = new Map<string, Map<string, Acc>>();
  const add = (entity: string, day: string, part: string, atto: bigint, tokens: HolderTokens) => {
    const byDay = acc.get(entity) ?? new Map<string, Acc>();
    const a = byDay.get(day) ?? { atto: 0n, parts: new Map(), tokens: new Map() };
    a.atto += atto;
    a.parts.set(part, (a.parts.get(part) ?? 0n) + atto);
    for (const k of TOKEN_KINDS) a.tokens.set(k, (a.tokens.get(k) ?? 0) + tokens[k]);
    byDay.set(day, a);
    acc.set(entity, byDay);
  };
  for (const r of rows) {
    const { model } = r;
    const app = appNames.get(r.appId) ?? r.appId;
    add(`unit\u0000${r.businessUnit}`, r.day, app, r.atto, r.tokens);
    add(`app\u0000${r.appId}`, r.day, model, r.atto, r.tokens);
    add(`model\u0000${model}`, r.day, app, r.atto, r.tokens);
  }
  const found: Anomaly[] = [];
  for (const [entity, byDay] of acc) {
    const [kind, name] = entity.split("\u0000") as [Series["kind"], string];
    const points: DayPoint[] = [...byDay].map(([day, a]) => ({
      day,
      cents: Number(attoToCents(a.atto)),
      parts: new Map([...a.parts].map(([p, v]) => [p, Number(attoToCents(v))])),
      tokens: a.tokens,
    }));
    const series: Series = {
      kind,
      // Keyed by the app's id (what its budget and page name it by), read by its name.
      name,
      label: kind === "app" ? (appNames.get(name) ?? name) : name,
      partKind: kind === "unit" || kind === "model" ? "app" : "model",
      points,
    };
    found.push(...findAnomalies(series, days));
  }
  return found;
}

/**
 * The anomalies of the month to `day` (exclusive) for every unit (`"all"`), for each single unit,
 * or for a set of units, read from the stored results: every unit's and each unit's are built
 * together from the four months' holder days (by the figures task, or the first view).
 */
async function storedAnomalies(reader: LedgerReader, month: string, day: string, units: "all" | ReadonlySet<string>): Promise<Anomaly[]> {
  const { from } = monthDays(month);
  const days: string[] = [];
  for (let d = from; d < day; d = nextDay(d)) days.push(d);
  const detectFor = async (keep: (unit: string) => boolean) => {
    const appNames = new Map((await reader.catalog()).apps.map((a) => [a.appId, a.displayName]));
    const rows: HolderDay[] = [];
    for (const m of historyMonths(month)) for (const r of await readHolderDays(reader, m)) if (r.businessUnit !== "" && keep(r.businessUnit)) rows.push(r);
    return { rows, appNames };
  };
  const stored = budgetFigures(reader, month, day);
  if (units === "all") {
    return stored.part("budget:anomalies", async () => {
      const { rows, appNames } = await detectFor(() => true);
      return detect(rows, appNames, days);
    });
  }
  if (units.size === 1) {
    const [unit = ""] = units;
    return stored.keyedPart(
      "budget:anomalies:unit",
      unit,
      async () => {
        const { rows, appNames } = await detectFor(() => true);
        const byUnit = new Map<string, HolderDay[]>();
        for (const r of rows) {
          const own = byUnit.get(r.businessUnit);
          if (own) own.push(r);
          else byUnit.set(r.businessUnit, [r]);
        }
        return new Map([...byUnit].map(([u, own]) => [u, detect(own, appNames, days)]));
      },
      [],
    );
  }
  // An owner of several units: kept under the set's name, built by the first view.
  const set = [...units].sort();
  return stored.part(`budget:anomalies:units:${JSON.stringify(set)}`, async () => {
    const { rows, appNames } = await detectFor((u) => units.has(u));
    return detect(rows, appNames, days);
  });
}

/**
 * The month's anomalous days (to yesterday: today is not over) per business unit, app and model,
 * against the same weekday of the 8 weeks before, read from the month's ledger and the three
 * before it; with what was decided about each. `units` limits them to what a caller may see.
 * Dismissed ones are left out unless `withDismissed`.
 */
export async function getAnomalies(
  reader: LedgerReader,
  month: string,
  decisions: readonly AnomalyDecision[],
  { units = "all", withDismissed = false, at = now() }: { units?: "all" | ReadonlySet<string>; withDismissed?: boolean; at?: number } = {},
): Promise<FlaggedAnomaly[]> {
  const decided = new Map(decisions.map((d) => [d.anomaly, d]));
  const found: FlaggedAnomaly[] = [];
  for (const anomaly of await storedAnomalies(reader, month, asOfDay(month, dayOf(at)), units)) {
    const decision = decided.get(anomaly.key);
    if (decision?.decision === "dismissed" && !withDismissed) continue;
    found.push({ ...anomaly, decision: decision?.decision ?? null, note: decision?.note ?? "" });
  }
  return found.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : Math.abs(b.score) - Math.abs(a.score)));
}

/** Every unit's anomalies of the month and each unit's, stored as of `at`: what the figures task builds ahead of the pages. */
export async function refreshAnomalies(reader: LedgerReader, month: string, at = now()): Promise<void> {
  const day = asOfDay(month, dayOf(at));
  // Asking for the unmapped "unit" (never a series) builds every unit's family.
  await Promise.all([storedAnomalies(reader, month, day, "all"), storedAnomalies(reader, month, day, new Set([""]))]);
}
