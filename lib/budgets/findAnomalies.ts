import { itemAt } from "../core/arrays";
/** One entity's cost on one UTC day, with the parts it is made of (for naming what moved). */
export type DayPoint = { day: string; cents: number; parts: ReadonlyMap<string, number>; tokens: ReadonlyMap<string, number> };
/** What is watched: a business unit, an app or a model, with its daily points. */
/** `name` keys it (an app's id); `label` is what people read (an app's name). */
export type Series = { kind: "unit" | "app" | "model"; name: string; label?: string; partKind: "app" | "model"; points: readonly DayPoint[] };

export type Anomaly = {
  /** `unit:<name>|<day>`: what decisions are remembered by. */
  key: string;
  kind: Series["kind"];
  name: string;
  label: string;
  day: string;
  cents: number;
  baselineCents: number;
  /** How far from the baseline, in robust standard deviations (1.4826 × MAD). */
  score: number;
  /** What moved most: the part (an app or a model) and the token kind. */
  driver: { part: string; partKind: Series["partKind"]; deltaCents: number; tokenKind: string | null };
};

const WEEKS = 8;
const THRESHOLD = 4;
/** Below this a move is noise whatever its score: a dollar on a quiet day is not worth an alert. */
const MIN_DELTA_CENTS = 1_000;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? itemAt(s, mid) : (itemAt(s, mid - 1) + itemAt(s, mid)) / 2;
};
const weeksBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 7 * 86_400_000).toISOString().slice(0, 10);

/**
 * Days of `days` whose cost is far from the robust baseline of the same weekday over the 8 weeks
 * before: median and MAD (scaled to a standard deviation, floored at 10 % of the median so a
 * flat series does not flag every wobble), at least 4 of them and $10 away. Each names its
 * driver: the part (app or model) that moved most against its own baseline, and the token kind
 * whose count moved most in proportion. Needs at least 4 of the 8 weeks.
 */
export function findAnomalies(series: Series, days: readonly string[]): Anomaly[] {
  const byDay = new Map(series.points.map((p) => [p.day, p]));
  const found: Anomaly[] = [];
  for (const day of days) {
    const point = byDay.get(day);
    const history = Array.from({ length: WEEKS }, (_, i) => byDay.get(weeksBefore(day, i + 1))).filter((p) => p !== undefined);
    if (history.length < WEEKS / 2) continue;
    const cents = point?.cents ?? 0;
    const base = median(history.map((p) => p.cents));
    const spread = Math.max(1.4826 * median(history.map((p) => Math.abs(p.cents - base))), 0.1 * base, 1);
    const score = (cents - base) / spread;
    if (Math.abs(score) < THRESHOLD || Math.abs(cents - base) < MIN_DELTA_CENTS) continue;
    found.push({
      key: `${series.kind}:${series.name}|${day}`,
      kind: series.kind,
      name: series.name,
      label: series.label ?? series.name,
      day,
      cents,
      baselineCents: base,
      score: Math.round(score * 10) / 10,
      driver: driverOf(series, point, history),
    });
  }
  return found;
}

function driverOf(series: Series, point: DayPoint | undefined, history: readonly DayPoint[]): Anomaly["driver"] {
  const parts = new Set([...(point?.parts.keys() ?? []), ...history.flatMap((p) => [...p.parts.keys()])]);
  let best = { part: "", deltaCents: 0 };
  for (const part of parts) {
    const delta = (point?.parts.get(part) ?? 0) - median(history.map((p) => p.parts.get(part) ?? 0));
    if (Math.abs(delta) > Math.abs(best.deltaCents)) best = { part, deltaCents: delta };
  }
  const kinds = new Set([...(point?.tokens.keys() ?? []), ...history.flatMap((p) => [...p.tokens.keys()])]);
  let tokenKind: string | null = null;
  let ratio = 0;
  for (const kind of kinds) {
    const base = median(history.map((p) => p.tokens.get(kind) ?? 0));
    const moved = Math.abs(Math.log(((point?.tokens.get(kind) ?? 0) + 1) / (base + 1)));
    if (moved > ratio) [tokenKind, ratio] = [kind, moved];
  }
  // `|| 0`: a move rounded to -0 is 0, as the stored results (JSON) give it back.
  return { part: best.part, partKind: series.partKind, deltaCents: Math.round(best.deltaCents) || 0, tokenKind };
}
