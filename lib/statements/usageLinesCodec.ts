import { itemAt } from "../core/arrays";
import type { PartCodec } from "../ledger/materializedMonth";
import type { LiveMonth } from "./liveLines";
import type { StatementLine, Tokens } from "./statementLine";

type Row = [
  kind: StatementLine["kind"],
  forMonth: string,
  businessUnit: string,
  costCenter: string,
  appId: string,
  appName: string,
  model: string,
  reason: string,
  rule: string,
  counts: [requests: number, promptTokens: number, cachedTokens: number, completionTokens: number, totalTokens: number],
  billed: Tokens["billed"] | 0,
  atto: string,
  listAtto: string,
  prices: number[],
  /** Any other field of the line (none today), kept as it is with its bigints tagged: a field added to StatementLine survives storage. */
  rest?: Record<string, unknown>,
];
type Stored = { currency: string; unpriced: LiveMonth["unpriced"]; prices: string[]; rows: Row[] };

/**
 * A month's usage lines as stored: a row of values per line and each price's text once (a line
 * cites the same few prices as thousands of others), money as decimal strings; JSON.parse reads
 * it with no reviver, which at thousands of lines is most of a view's time.
 */
const KNOWN = new Set([
  "kind",
  "forMonth",
  "businessUnit",
  "costCenter",
  "appId",
  "appName",
  "model",
  "reason",
  "rule",
  "tokens",
  "atto",
  "listAtto",
  "prices",
]);
const toPlain = (v: unknown): unknown =>
  typeof v === "bigint"
    ? { $n: v.toString() }
    : Array.isArray(v)
      ? v.map(toPlain)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]))
        : v;
const fromPlain = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(fromPlain)
    : v !== null && typeof v === "object"
      ? typeof (v as { $n?: unknown }).$n === "string" && Object.keys(v).length === 1
        ? BigInt((v as { $n: string }).$n)
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromPlain(x)]))
      : v;

export const usageLinesCodec: PartCodec<LiveMonth> = {
  encode: ({ currency, unpriced, lines }: LiveMonth): Stored => {
    const prices = new Map<string, number>();
    const priceIndex = (text: string) => {
      let i = prices.get(text);
      if (i === undefined) prices.set(text, (i = prices.size));
      return i;
    };
    const rows = lines.map((l): Row => {
      const rest = Object.entries(l).filter(([k, v]) => !KNOWN.has(k) && v !== undefined);
      const row: Row = [
        l.kind,
        l.forMonth,
        l.businessUnit,
        l.costCenter,
        l.appId,
        l.appName,
        l.model,
        l.reason,
        l.rule,
        [l.tokens.requests, l.tokens.promptTokens, l.tokens.cachedTokens, l.tokens.completionTokens, l.tokens.totalTokens],
        l.tokens.billed ?? 0,
        l.atto.toString(),
        l.listAtto.toString(),
        l.prices.map(priceIndex),
      ];
      if (rest.length > 0) row.push(toPlain(Object.fromEntries(rest)) as Record<string, unknown>);
      return row;
    });
    return { currency, unpriced, prices: [...prices.keys()], rows };
  },
  decode: ({ currency, unpriced, prices, rows }: Stored): LiveMonth => ({
    currency,
    unpriced,
    lines: rows.map(([kind, forMonth, businessUnit, costCenter, appId, appName, model, reason, rule, counts, billed, atto, listAtto, cited, rest]) => {
      const [requests, promptTokens, cachedTokens, completionTokens, totalTokens] = counts;
      const tokens: Tokens = { requests, promptTokens, cachedTokens, completionTokens, totalTokens };
      if (billed !== 0) tokens.billed = billed;
      return {
        kind,
        forMonth,
        businessUnit,
        costCenter,
        appId,
        model,
        rule,
        appName,
        reason,
        tokens,
        atto: BigInt(atto),
        listAtto: BigInt(listAtto),
        prices: cited.map((i) => itemAt(prices, i)),
        ...(rest === undefined ? {} : (fromPlain(rest) as object)),
      };
    }),
  }),
};
