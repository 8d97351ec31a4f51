import type { FlaggedAnomaly } from "./getAnomalies";

/**
 * The days a chart flags: those of the anomalies of this kind (of this unit or app when named),
 * oldest first, each once. The overview passes no name: a day on which any unit the caller sees
 * was unusual is flagged on the total.
 */
export function flaggedDays(found: readonly FlaggedAnomaly[], kind: FlaggedAnomaly["kind"], name?: string): string[] {
  return [...new Set(found.filter((a) => a.kind === kind && (name === undefined || a.name === name)).map((a) => a.day))].sort();
}
