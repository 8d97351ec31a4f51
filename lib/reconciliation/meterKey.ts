/**
 * Where the bill and our events meet: region, model, deployment type and token kind. An invoice
 * line is on a resource; a gateway deployment names its region, SKU and model (admin/deployments),
 * so a deployment's usage meets the bill lines of the resources in its region on the same meter.
 */
export type MeterSide = {
  region: string;
  model: string;
  /** global | datazone | regional, "+ batch"; provisioned; unconfigured (a deployment we do not know). */
  sku: string;
  /** input | cached | output; capacity (a PTU reservation's fixed cost). */
  kind: string;
};

export type MeterTotals = MeterSide & { tokens: bigint; atto: bigint; names: Set<string> };

export const meterKey = (m: MeterSide) => `${m.region}|${m.model}|${m.sku}|${m.kind}`;

/** Adds to the totals of a meter, creating them on first sight. */
export function addTo(totals: Map<string, MeterTotals>, side: MeterSide, tokens: bigint, atto: bigint, name: string): MeterTotals {
  const key = meterKey(side);
  let t = totals.get(key);
  if (!t) totals.set(key, (t = { ...side, tokens: 0n, atto: 0n, names: new Set() }));
  t.tokens += tokens;
  t.atto += atto;
  if (name !== "") t.names.add(name);
  return t;
}

export type DayTotals = { tokens: bigint; atto: bigint };

export function addToDay(days: Map<string, DayTotals>, day: string, tokens: bigint, atto: bigint): void {
  const t = days.get(day) ?? { tokens: 0n, atto: 0n };
  t.tokens += tokens;
  t.atto += atto;
  days.set(day, t);
}
