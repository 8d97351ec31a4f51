import { tagKeysOf } from "../allocation/attributedUsage";
import type { SplitRule } from "../allocation/splitRule";
import type { CostedLine } from "../statements/statementLine";
import type { DimensionUsage, ReportStore } from "../store/port";
import type { Catalog } from "./catalog";
import { cachedCatalog } from "./catalogCache";
import { type LedgerInputs, type MonthLedger, takeLedger } from "./monthLedger";
import { loadDimensionUsage, loadMonthUsage, type MonthUsage } from "./monthUsage";
import { itemAt } from "../core/arrays";
import { MaterializedMonth, memo } from "./materializedMonth";

/**
 * The months one page, API call or command reads, each loaded from the store at most once: the
 * catalog once (from the process's cache while the store's versions say it is current:
 * catalogCache.ts), each month's usage once, each month's ledger built once. Made per request, so
 * what it holds is never older than the request.
 */
export class LedgerReader {
  private catalogRead?: Promise<Catalog>;
  private readonly usages = new Map<string, Promise<MonthUsage>>();
  private readonly dimensions = new Map<string, Promise<DimensionUsage[]>>();
  private readonly ledgers = new Map<string, Promise<MonthLedger>>();
  private readonly statements = new Map<string, Promise<CostedLine[]>>();
  private readonly materialized = new Map<string, MaterializedMonth>();
  private readonly projections = new Map<string, Promise<unknown>>();
  private readonly versions = new Map<string, Promise<string>>();

  constructor(readonly store: ReportStore) {}

  catalog(): Promise<Catalog> {
    this.catalogRead ??= cachedCatalog(this.store);
    return this.catalogRead;
  }

  /** The month priced and attributed by the stored split rules, or (a preview) by `rules`. */
  ledger(month: string, rules?: readonly SplitRule[]): Promise<MonthLedger> {
    if (rules) return this.build(month, rules);
    const known = this.ledgers.get(month);
    if (known) return known;
    const built = this.build(month);
    this.ledgers.set(month, built);
    return built;
  }

  /** The month's usage version: changed by every usage batch with its rollups. */
  usageVersion(month: string): Promise<string> {
    return memo(this.versions, month, () => this.store.getUsageVersion(month));
  }

  /** The month's usage, unpriced. */
  async usage(month: string): Promise<MonthUsage> {
    const { charges } = await this.catalog();
    return memo(this.usages, month, () => loadMonthUsage(this.store, month, charges));
  }

  /** The month's usage per value of one dimension (`tag:<key>` or `endUser`). */
  dimensionUsage(month: string, dimension: string): Promise<DimensionUsage[]> {
    return memo(this.dimensions, `${month}|${dimension}`, () => loadDimensionUsage(this.store, month, dimension));
  }

  /**
   * The month's materialized ledger: the figures views project from, stored per month and built
   * from `ledger(month)` only when the month's usage or what prices and attributes it changed.
   */
  figures(month: string): MaterializedMonth {
    return this.stored("figures", month, async () => (await this.catalog()).digestOf?.(month));
  }

  /**
   * Parts of a month that also depend on what its figures do not (other months, markups, the
   * closes): stamped by `digest` as well as the month's usage version, one set per `kind`.
   */
  stored(kind: string, month: string, digest: () => Promise<string | undefined>): MaterializedMonth {
    const key = `${kind}:${month}`;
    let known = this.materialized.get(key);
    if (!known) {
      known = new MaterializedMonth(
        this.store,
        month,
        digest,
        () => this.usageVersion(month),
        async () => (await this.catalog()).apps.length,
      );
      this.materialized.set(key, known);
    }
    return known;
  }

  /** A projection several views of one request share (a month's lines, say), computed once per reader; callers must not change it. */
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    return memo(this.projections, key, load) as Promise<T>;
  }

  /**
   * Lets go of every part, projection and dimension read so far, keeping the ledgers: a long build
   * (refreshFigures) stores each part once and reads it again, if at all, stored.
   */
  letGoOfParts(): void {
    for (const m of this.materialized.values()) m.forget();
    this.projections.clear();
    this.dimensions.clear();
  }

  /** When the oldest materialized figures this reader showed were built (epoch ms); undefined when it built or read none. */
  figuresAsOf(): number | undefined {
    const times = [...this.materialized.values()].map((m) => m.builtAt).filter((t) => t !== undefined);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Frozen lines held by one closed month's statement, or every frozen line about one month's usage. */
  statementLines(filter: { month: string } | { forMonth: string }): Promise<CostedLine[]> {
    const key = "month" in filter ? `month:${filter.month}` : `forMonth:${filter.forMonth}`;
    return memo(this.statements, key, () => this.store.listStatementLines(filter));
  }

  private async build(month: string, proposed?: readonly SplitRule[]): Promise<MonthLedger> {
    const catalog = await this.catalog();
    const rules = proposed ?? catalog.splitRules;
    const keys = tagKeysOf(rules, month);
    const inputs = await this.inputs(month, keys);
    // Kept only to share one read between builds under way (a preview builds the month twice at
    // once): the ledger holds its usage as charged rows, and the tag rows only measure its shares;
    // let go before the build (which is synchronous: nobody reads the maps meanwhile), so the build
    // holds the only reference and lets go of them as it goes (takeLedger). A later build reads them again.
    this.usages.delete(month);
    for (const k of keys) this.dimensions.delete(`${month}|tag:${k}`);
    return takeLedger(catalog, inputs, rules);
  }

  /** The month's usage and the tag rows of these keys, in a holder no local of the caller keeps beside it (LedgerInputs). */
  private async inputs(month: string, keys: readonly string[]): Promise<LedgerInputs> {
    const [usage, ...tagRows] = await Promise.all([this.usage(month), ...keys.map((k) => this.dimensionUsage(month, `tag:${k}`))]);
    return { usage, tagUsage: new Map(keys.map((k, i) => [k, itemAt(tagRows, i)])) };
  }
}
