import { dayOf, monthOf, now } from "../core/clock";
import { attoToCents, splitByWeight } from "../core/money";
import { nextDay } from "../core/months";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { AnomalyDecision } from "./anomalyDecision";
import { type DayPoint, findAnomalies } from "./findAnomalies";
import type { FlaggedAnomaly } from "./getAnomalies";

const WEEKS = 8;
const weeksBefore = (day: string, n: number) => dayOf(Date.parse(`${day}T00:00:00Z`) - n * 7 * 86_400_000);
type Acc = { atto: bigint; parts: Map<string, bigint>; tokens: Map<string, number> };

/**
 * Today so far, per business unit: the cost of the current UTC day's finished hours against the
 * same hours of the same weekday over the 8 weeks before (median and MAD, as a day is judged),
 * from the store's hourly rollups priced at the day's rates and attributed as the ledger
 * attributes usage. Its key is `unit:<name>|<day>|today`, so one decision covers the whole day.
 * Usage an hourly rollup cannot price (its deployment's model unknown) is left out.
 */
export async function getTodayAnomalies(
  reader: LedgerReader,
  decisions: readonly AnomalyDecision[],
  { units = "all", withDismissed = false, at = now() }: { units?: "all" | ReadonlySet<string>; withDismissed?: boolean; at?: number } = {},
): Promise<FlaggedAnomaly[]> {
  const today = dayOf(at);
  const until = new Date(at).getUTCHours();
  if (until === 0) return [];
  const [{ charges, apps }, { attribution }] = await Promise.all([reader.catalog(), reader.ledger(monthOf(at))]);
  const deployments = new Map(charges.pricer.deployments.map((d) => [d.name, d]));
  const days = [today, ...Array.from({ length: WEEKS }, (_, i) => weeksBefore(today, i + 1))];
  // Usage on a deployment the catalog does not know cannot be priced: only the known ones are read.
  const names = [...deployments.keys()];
  const rows = (await Promise.all(days.map((day) => reader.store.listHourlyUsage(day, nextDay(day), names)))).flat();
  const appNames = new Map(apps.map((a) => [a.appId, a.displayName]));
  const acc = new Map<string, Map<string, Acc>>();
  for (const h of rows) {
    // The same hours only: today's finished ones, and those of the weeks before.
    if (Number(h.hour.slice(11, 13)) >= until) continue;
    const day = h.hour.slice(0, 10);
    const deployment = deployments.get(h.deployment);
    const charge = charges.charge({
      day,
      deployment: h.deployment,
      model: deployment?.model ?? "",
      region: deployment?.region ?? "",
      promptTokens: h.promptTokens,
      cachedTokens: h.cachedTokens,
      completionTokens: h.completionTokens,
    });
    if (!charge.priced) continue;
    const shares = attribution.sharesOf(h.appId, h.deployment, day);
    const split = splitByWeight(
      charge.atto,
      shares.map((s) => s.weight),
    );
    shares.forEach((share, i) => {
      const unit = share.businessUnit;
      if (unit === "" || (units !== "all" && !units.has(unit))) return;
      const byDay = acc.get(unit) ?? new Map<string, Acc>();
      const a = byDay.get(day) ?? { atto: 0n, parts: new Map(), tokens: new Map() };
      const atto = split[i] ?? 0n;
      const app = appNames.get(h.appId) ?? h.appId;
      a.atto += atto;
      a.parts.set(app, (a.parts.get(app) ?? 0n) + atto);
      for (const kind of ["promptTokens", "cachedTokens", "completionTokens"] as const) a.tokens.set(kind, (a.tokens.get(kind) ?? 0) + h[kind]);
      byDay.set(day, a);
      acc.set(unit, byDay);
    });
  }
  const decided = new Map(decisions.map((d) => [d.anomaly, d]));
  const found: FlaggedAnomaly[] = [];
  for (const [unit, byDay] of acc) {
    const points: DayPoint[] = [...byDay].map(([day, a]) => ({
      day,
      cents: Number(attoToCents(a.atto)),
      parts: new Map([...a.parts].map(([p, v]) => [p, Number(attoToCents(v))])),
      tokens: a.tokens,
    }));
    for (const anomaly of findAnomalies({ kind: "unit", name: unit, partKind: "app", points }, [today])) {
      const key = `${anomaly.key}|today`;
      const decision = decided.get(key);
      if (decision?.decision === "dismissed" && !withDismissed) continue;
      found.push({ ...anomaly, key, until: `${String(until).padStart(2, "0")}:00`, decision: decision?.decision ?? null, note: decision?.note ?? "" });
    }
  }
  return found.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
}
