import { overheadName } from "../allocation/splitRule";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { JsonPartCodec } from "../ledger/materializedMonth";
import type { MonthLedger } from "../ledger/monthLedger";
import type { AttributedUsage } from "../allocation/attributedUsage";
import { itemAt } from "../core/arrays";

export const TOKEN_KINDS = ["promptTokens", "cachedTokens", "completionTokens", "reasoningTokens"] as const;
export type HolderTokens = Record<(typeof TOKEN_KINDS)[number], number>;

/**
 * A month's priced usage per UTC day, business unit, cost center, app and model (fixed overheads
 * left out), first seen first: what forecasts and anomalies add up, so they read a month's figures
 * instead of pricing and attributing its usage. Token counts are whole numbers far below 2^53.
 */
export type HolderDay = { day: string; businessUnit: string; costCenter: string; appId: string; model: string; atto: bigint; tokens: HolderTokens };

export function holderDaysOf({ attributed }: Pick<MonthLedger, "attributed">): HolderDay[] {
  // Per holder day its first row (which names it), its cost and its token counts in a flat typed
  // array, no object per holder day until the end: holder days are nearly one per attributed row at
  // 5,000 apps, and a row object, a counts array and four bigints each were this step's peak.
  // BigInt64Array sums exactly, as bigints did, below 2^63 (token counts are far below 2^53).
  const at = new Map<string, number>();
  const firsts: AttributedUsage[] = [];
  const atto: bigint[] = [];
  let counts = new BigInt64Array(TOKEN_KINDS.length * 1024);
  for (const r of attributed) {
    if (!r.charge.priced || overheadName(r.appId) !== null) continue;
    // Joined, not a template literal: that builds a tree of string pieces per row, flattened again
    // as a map key, a fifth of this step's memory at 5,000 apps (hundreds of thousands of keys).
    const key = [r.day, r.businessUnit, r.costCenter, r.appId, r.charge.modelId].join("\u0000");
    let i = at.get(key);
    if (i === undefined) {
      i = firsts.length;
      at.set(key, i);
      firsts.push(r);
      atto.push(0n);
      if (counts.length < firsts.length * TOKEN_KINDS.length) {
        const more = new BigInt64Array(counts.length * 2);
        more.set(counts);
        counts = more;
      }
    }
    atto[i] = itemAt(atto, i) + r.charge.atto;
    const base = i * TOKEN_KINDS.length;
    TOKEN_KINDS.forEach((k, j) => (counts[base + j] = (counts[base + j] ?? 0n) + r[k]));
  }
  at.clear();
  // Fields named, not spread: one hidden class for every row (chargedRow), and a month's holder
  // days are kept by the reader that built them.
  return firsts.map((r, i) => ({
    day: r.day,
    businessUnit: r.businessUnit,
    costCenter: r.costCenter,
    appId: r.appId,
    model: r.charge.priced ? r.charge.modelId : "",
    atto: itemAt(atto, i),
    tokens: tokensOf(TOKEN_KINDS.map((_, j) => Number(counts[i * TOKEN_KINDS.length + j]))),
  }));
}

const tokensOf = (counts: number[]): HolderTokens => Object.fromEntries(TOKEN_KINDS.map((k, i) => [k, counts[i] ?? 0])) as HolderTokens;

type Stored = { names: string[]; rows: [day: number, unit: number, costCenter: number, app: number, model: number, atto: string, counts: number[]][] };

// Each name once and money as decimal strings: tens of thousands of rows a month, read with no
// reviver. Written as JSON row by row (what JSON.stringify made of `{ rows, names }` with rows as
// Stored's arrays, byte for byte), without every row's array held beside the rows at once.
export const holderDaysCodec: JsonPartCodec<HolderDay[]> = {
  json: (rows) => {
    const names = new Map<string, number>();
    const id = (name: string) => {
      let i = names.get(name);
      if (i === undefined) names.set(name, (i = names.size));
      return i;
    };
    const row = (r: HolderDay) =>
      JSON.stringify([id(r.day), id(r.businessUnit), id(r.costCenter), id(r.appId), id(r.model), r.atto.toString(), TOKEN_KINDS.map((k) => r.tokens[k])]);
    // Each row's array and JSON dropped as its chunk is joined: only the JSON itself grows.
    const chunks: string[] = [];
    for (let i = 0; i < rows.length; i += 1024)
      chunks.push(
        rows
          .slice(i, i + 1024)
          .map(row)
          .join(","),
      );
    const body = chunks.join(",");
    return `{"rows":[${body}],"names":${JSON.stringify([...names.keys()])}}`;
  },
  decode: ({ names, rows }: Stored) =>
    rows.map(([day, unit, costCenter, app, model, atto, counts]) => ({
      day: itemAt(names, day),
      businessUnit: itemAt(names, unit),
      costCenter: itemAt(names, costCenter),
      appId: itemAt(names, app),
      model: itemAt(names, model),
      atto: BigInt(atto),
      tokens: tokensOf(counts),
    })),
};

/** The month's holder days from its materialized ledger (built from its ledger when stale). */
export const readHolderDays = (reader: LedgerReader, month: string): Promise<HolderDay[]> =>
  reader.figures(month).part("holderDays", async () => holderDaysOf(await reader.ledger(month)), holderDaysCodec);
