import { idleCapacityName } from "../pricing/reservation";
import { unknownCallerName } from "../events/unknownCaller";
import { overheadName } from "../allocation/splitRule";
import { formatAtto } from "../core/money";
import type { Price } from "../pricing/priceBook";
import type { MonthLedger } from "../ledger/monthLedger";
import { markupLines } from "./markupLines";
import { linePartsOf, partKeyOf } from "./lineParts";
import { addTokens, type LinePart, lineKey, noTokens, type StatementLine, tokensOf, type UnpricedUsage } from "./statementLine";
import { itemAt } from "../core/arrays";
import type { Markup } from "./markup";

export type LiveMonth = { lines: StatementLine[]; unpriced: UnpricedUsage[]; currency: string };

// "gpt-4o-0806-Inp-glbl Tokens at 0.0000025 per token from 2025-01-01"
const describePrice = (p: Price) =>
  `${p.meterName} at ${formatAtto(p.atto)} per ${p.per ?? "token"} from ${p.from.slice(0, 10)}${p.note ? ` (${p.note})` : ""}`;
const DESCRIBED = /^(.+) at \d+(?:\.\d+)? per .+? from (\d{4}-\d{2}-\d{2})(?: \(.+\))?$/;

/**
 * The meter and start day of a price a line cites (describePrice's text, which frozen statements
 * keep), for exports that name the meter apart from its price; null for text it did not write.
 */
export function readPrice(text: string): { meterName: string; from: string } | null {
  const m = DESCRIBED.exec(text);
  return m ? { meterName: itemAt(m, 1), from: itemAt(m, 2) } : null;
}

/**
 * A month's usage as statement lines, priced per day at the rates then in effect and attributed
 * by the split rule or mapping then in effect (a split app has one line per part, each naming its
 * rule), as its ledger attributes it (a preview's ledger, by the rules it proposes). The month's
 * markups follow, computed on the usage and, for a month closed on actual cost, its `settled`
 * true-up lines. Usage that cannot be priced is counted by unit and reason.
 */
export function liveLines(ledger: MonthLedger, { settled = [] }: { settled?: readonly StatementLine[] } = {}): LiveMonth {
  return withMarkups(usageLines(ledger), ledger.catalog.markups, ledger.month, settled);
}

/** A month's usage lines and unpriced usage, before markups: what a materialized ledger keeps (markups are cheap to add on read). */
export function usageLines({ month, currency, attributed: rows, catalog }: Pick<MonthLedger, "month" | "currency" | "attributed" | "catalog">): LiveMonth {
  const appNames = new Map(catalog.apps.map((a) => [a.appId, a.displayName]));
  const lines = new Map<string, StatementLine & { priceSet: Set<Price>; partMap: Map<string, LinePart> }>();
  const unpriced = new Map<string, UnpricedUsage>();

  for (const { charge: priced, ...u } of rows) {
    const { businessUnit, costCenter, rule } = u;
    if (!priced.priced) {
      const key = `${businessUnit}|${priced.reason}`;
      const entry = unpriced.get(key) ?? { businessUnit, reason: priced.reason, requests: 0, totalTokens: 0 };
      entry.requests += Number(u.requests);
      entry.totalTokens += Number(u.totalTokens);
      unpriced.set(key, entry);
    }
    const key = { businessUnit, costCenter, appId: u.appId, model: priced.priced ? priced.modelId : u.model || u.deployment, rule };
    let line = lines.get(lineKey(key));
    if (!line) {
      line = {
        kind: "usage",
        forMonth: month,
        ...key,
        appName: appNames.get(u.appId) ?? idleCapacityName(u.appId) ?? unknownCallerName(u.appId) ?? overheadName(u.appId) ?? u.appId,
        reason: "",
        tokens: noTokens(),
        atto: 0n,
        listAtto: 0n,
        prices: [],
        priceSet: new Set(),
        partMap: new Map(),
      };
      lines.set(lineKey(key), line);
    }
    if (priced.priced) {
      line.listAtto += priced.listAtto;
      line.atto += priced.atto;
    }
    // The book's price objects are shared, so the set holds each price once; described at the end.
    if (priced.priced) for (const p of priced.prices) line.priceSet.add(p);
    addTokens(line.tokens, tokensOf(u));
    if (priced.priced) {
      const key = partKeyOf(u, priced);
      const part = line.partMap.get(key.id) ?? { ...key.part, tokens: noTokens(), atto: 0n, listAtto: 0n };
      part.atto += priced.atto;
      part.listAtto += priced.listAtto;
      addTokens(part.tokens, tokensOf(u));
      line.partMap.set(key.id, part);
    }
  }
  const usage = [...lines.values()].map(({ priceSet, partMap, ...line }) => ({
    ...line,
    prices: [...new Set([...priceSet].map(describePrice))].sort(),
    ...linePartsOf(partMap, month, catalog.charges.pricer.reservations),
  }));
  return { lines: usage, unpriced: [...unpriced.values()], currency };
}

/** The usage lines with the month's markups after them, computed on the usage and the `settled` true-up lines. */
export function withMarkups(usage: LiveMonth, markups: readonly Markup[], month: string, settled: readonly StatementLine[] = []): LiveMonth {
  const markup = markupLines([...usage.lines, ...settled], markups, month, usage.currency);
  return { lines: [...usage.lines, ...markup.lines], unpriced: [...usage.unpriced, ...markup.unpriced], currency: usage.currency };
}
