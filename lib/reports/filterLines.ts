import { splitByWeight } from "../core/money";
import { tagDimension } from "../events/eventTags";
import type { LedgerReader } from "../ledger/ledgerReader";
import type { MonthLines } from "../statements/monthLines";
import { lineKey, type CostedLine } from "../statements/statementLine";
import { dimensionShares } from "./dimensionShares";
import type { ReportFilters } from "./reportFilters";

/** Whether a line passes the unit, cost center, app and model chips (each: any of its values). */
export function lineMatches(line: Pick<CostedLine, "businessUnit" | "costCenter" | "appId" | "model">, f: ReportFilters): boolean {
  const any = (values: string[], value: string) => values.length === 0 || values.includes(value);
  return any(f.units, line.businessUnit) && any(f.costCenters, line.costCenter) && any(f.apps, line.appId) && any(f.models, line.model);
}

/**
 * A month's lines narrowed to the filters. A tag (or environment) filter keeps each usage line's
 * part carried by events with that tag value (its cents split by the value's live share of the
 * line's cost, its prompt, cached and completion tokens in proportion to its total tokens), and
 * drops corrections, true-ups and markups, which carry no tags. Unpriced usage is only known per
 * unit, so it is kept for a unit filter alone and dropped under any other.
 */
export async function filterLines(reader: LedgerReader, lines: MonthLines, f: ReportFilters): Promise<MonthLines> {
  const kept = lines.lines.filter((l) => lineMatches(l, f));
  const onlyUnits = f.costCenters.length + f.apps.length + f.models.length + f.tags.length === 0;
  const unpriced = onlyUnits ? lines.unpriced.filter((u) => f.units.length === 0 || f.units.includes(u.businessUnit)) : [];
  const [tag] = f.tags;
  if (!tag) return { ...lines, lines: kept, unpriced };
  const [key, value] = tag;
  const shares = await dimensionShares(reader, lines.month, tagDimension(key));
  const tagged: CostedLine[] = [];
  for (const line of kept) {
    const share = line.kind === "usage" ? shares.get(lineKey(line))?.get(value) : undefined;
    if (!share) continue;
    const rest = line.atto > share.atto ? line.atto - share.atto : 0n;
    const weights = [share.atto, rest];
    const [cents = 0n] = splitByWeight(line.cents, weights);
    const [listCents = 0n] = splitByWeight(line.listCents, weights);
    const ratio = (n: number) => (line.tokens.totalTokens === 0 ? 0 : Math.round((n * share.totalTokens) / line.tokens.totalTokens));
    // Billed-apart counts and region parts are not kept per tag value.
    const { billed: _billed, ...counts } = line.tokens;
    const { parts: _parts, ...whole } = line;
    tagged.push({
      ...whole,
      cents,
      listCents,
      atto: share.atto,
      listAtto: share.atto,
      tokens: {
        ...counts,
        requests: share.requests,
        totalTokens: share.totalTokens,
        promptTokens: ratio(line.tokens.promptTokens),
        cachedTokens: ratio(line.tokens.cachedTokens),
        completionTokens: ratio(line.tokens.completionTokens),
      },
    });
  }
  return { ...lines, lines: tagged, unpriced };
}
