import { nextDay } from "../core/months";

/** An hour's count, or null for an hour with no data (a gap, which a chart must not draw as zero). */
export type HourPoint = { hour: string; requests: number | null };

/**
 * Every UTC hour (`YYYY-MM-DDTHH`) from the first to the last hour with data, each with its
 * requests, or null where nothing was recorded: a chart then leaves those hours as gaps instead
 * of joining the line across them.
 */
export function hourlySeries(hours: readonly { hour: string; requests: number }[]): HourPoint[] {
  if (hours.length === 0) return [];
  const known = new Map(hours.map((h) => [h.hour, h.requests]));
  const sorted = [...known.keys()].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const series: HourPoint[] = [];
  for (let day = first.slice(0, 10); day <= last.slice(0, 10); day = nextDay(day)) {
    for (let h = 0; h < 24; h++) {
      const hour = `${day}T${String(h).padStart(2, "0")}`;
      if (hour < first || hour > last) continue;
      series.push({ hour, requests: known.get(hour) ?? null });
    }
  }
  return series;
}
