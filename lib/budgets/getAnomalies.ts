import { dayOf, now } from "../core/clock";
import { attoToCents } from "../core/money";
import { monthDays, nextDay, previousMonth } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { AnomalyDecision } from "./anomalyDecision";
import { type HolderTokens, readHolderDays, TOKEN_KINDS } from "../reports/holderDays";
import { type Anomaly, type DayPoint, findAnomalies, type Series } from "./findAnomalies";

/** `until`: for today so far (getTodayAnomalies.ts), the end of the hours compared (`HH:00`, UTC). */
export type FlaggedAnomaly = Anomaly & { decision: AnomalyDecision["decision"] | null; note: string; until?: string };

type Acc = { atto: bigint; parts: Map<string, bigint>; tokens: Map<string, number> };

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
  const { from, to } = monthDays(month);
  const today = dayOf(at);
  // Days before today only: today is not over. (Strings: the earlier of two UTC days.)
  const end = [today, to].sort()[0] ?? to;
  const acc = new Map<string, Map<string, Acc>>();
  const add = (entity: string, day: string, part: string, atto: bigint, tokens: HolderTokens) => {
    const days = acc.get(entity) ?? new Map<string, Acc>();
    const a = days.get(day) ?? { atto: 0n, parts: new Map(), tokens: new Map() };
    a.atto += atto;
    a.parts.set(part, (a.parts.get(part) ?? 0n) + atto);
    for (const k of TOKEN_KINDS) a.tokens.set(k, (a.tokens.get(k) ?? 0) + tokens[k]);
    days.set(day, a);
    acc.set(entity, days);
  };
  const appNames = new Map((await reader.catalog()).apps.map((a) => [a.appId, a.displayName]));
  let m = month;
  const months = [m];
  for (let i = 0; i < 3; i++) months.unshift((m = previousMonth(m)));
  for (const mm of months) {
    // Priced usage without fixed overheads, per day, unit, app and model: the month's figures, not its ledger.
    for (const r of await readHolderDays(reader, mm)) {
      if (r.businessUnit === "") continue;
      if (units !== "all" && !units.has(r.businessUnit)) continue;
      const { model } = r;
      const app = appNames.get(r.appId) ?? r.appId;
      add(`unit\u0000${r.businessUnit}`, r.day, app, r.atto, r.tokens);
      add(`app\u0000${r.appId}`, r.day, model, r.atto, r.tokens);
      add(`model\u0000${model}`, r.day, app, r.atto, r.tokens);
    }
  }
  const days: string[] = [];
  for (let d = from; d < end; d = nextDay(d)) days.push(d);
  const decided = new Map(decisions.map((d) => [d.anomaly, d]));
  const found: FlaggedAnomaly[] = [];
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
    for (const anomaly of findAnomalies(series, days)) {
      const decision = decided.get(anomaly.key);
      if (decision?.decision === "dismissed" && !withDismissed) continue;
      found.push({ ...anomaly, decision: decision?.decision ?? null, note: decision?.note ?? "" });
    }
  }
  return found.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : Math.abs(b.score) - Math.abs(a.score)));
}
