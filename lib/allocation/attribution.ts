import Decimal from "decimal.js";
import { OrgDirectory, type OrgMapping } from "../org/orgMapping";
import { inEffect } from "../core/effectiveDated";
import { overheadAppId, type SplitRule } from "./splitRule";

/**
 * Who carries (part of) a cost: a business unit and cost center, "" for nobody (unmapped usage,
 * or the unallocated part of `rule`), and the split rule that sent it there ("" = the mapping).
 */
export type Holder = { businessUnit: string; costCenter: string; rule: string };
/** A holder's weight in a split: amounts are divided by largest remainder (splitByWeight). */
export type Share = Holder & { weight: bigint };

/** The part of a rule's amount nobody carries: what its share basis did not measure. */
export const unallocated = (rule: string, weight = 1n): Share => ({ businessUnit: "", costCenter: "", rule, weight });

/** Fixed percentages as whole weights (4 decimals), even splits as equal ones. */
export function ruleShares(rule: SplitRule): Share[] {
  const weight = (percent: string | null) => (rule.method === "fixed" ? BigInt(new Decimal(percent!).times(10_000).toFixed(0)) : 1n);
  return rule.parts.map((p) => ({ businessUnit: p.businessUnit, costCenter: p.costCenter, rule: rule.id, weight: weight(p.percent) }));
}

/**
 * The one attribution every report, statement and close uses: usage on a day goes to the split
 * rule of its app (or else of its deployment) in effect then, else to the app's mapping, else it
 * is unmapped. Share rules take the weights measured for the period (`measured`, by rule id);
 * without a measurement their whole amount stays unallocated, visibly.
 */
export class Attribution {
  private readonly org: OrgDirectory;
  private readonly byApp = new Map<string, SplitRule[]>();
  private readonly byDeployment = new Map<string, SplitRule[]>();
  // Every report asks for each daily rollup: the shares of a rule or mapping are built once.
  private readonly cache = new Map<SplitRule | OrgMapping | undefined, Share[]>();

  constructor(
    mappings: Iterable<OrgMapping>,
    readonly rules: readonly SplitRule[],
    private readonly measured: ReadonlyMap<string, Share[]> = new Map(),
  ) {
    this.org = new OrgDirectory(mappings);
    for (const r of rules) {
      const [map, key] = r.deployment !== null ? [this.byDeployment, r.deployment] : [this.byApp, r.appId ?? overheadAppId(r.id)];
      map.set(key, [...(map.get(key) ?? []), r]);
    }
  }

  /** The rule splitting this usage on its day: the app's own rule first (it says who called), then its deployment's. */
  ruleOn(appId: string, deployment: string, day: string): SplitRule | undefined {
    return (
      this.byApp.get(appId)?.find((r) => inEffect(r, day)) ?? (deployment === "" ? undefined : this.byDeployment.get(deployment)?.find((r) => inEffect(r, day)))
    );
  }

  /** The plain mapping of an app on a day, ignoring rules (for measuring each cost center's own apps). */
  mappingOn(appId: string, day: string): OrgMapping | undefined {
    return this.org.on(appId, day);
  }

  /** Whether a rule or a mapping attributes this usage (else it is unmapped). */
  covers(appId: string, deployment: string, day: string): boolean {
    return this.ruleOn(appId, deployment, day) !== undefined || this.org.on(appId, day) !== undefined;
  }

  /**
   * The units that may carry some of this usage, whatever a share measures ("" = nobody): for what
   * is not money (calls, model time), a unit sees the usage it carries any of.
   */
  unitsOn(appId: string, deployment: string, day: string): string[] {
    const rule = this.ruleOn(appId, deployment, day);
    if (rule) return [...rule.parts.map((p) => p.businessUnit), ...(rule.method === "share" ? [""] : [])];
    return [this.org.on(appId, day)?.businessUnit ?? ""];
  }

  /** Who carries this usage, with weights; one share of weight 1 when it is not split. */
  sharesOf(appId: string, deployment: string, day: string): readonly Share[] {
    const rule = this.ruleOn(appId, deployment, day);
    const holder = rule ?? this.org.on(appId, day);
    let shares = this.cache.get(holder);
    if (!shares) {
      if (rule) shares = rule.method === "share" ? (this.measured.get(rule.id) ?? [unallocated(rule.id)]) : ruleShares(rule);
      else
        shares = [
          {
            businessUnit: (holder as OrgMapping | undefined)?.businessUnit ?? "",
            costCenter: (holder as OrgMapping | undefined)?.costCenter ?? "",
            rule: "",
            weight: 1n,
          },
        ];
      this.cache.set(holder, shares);
    }
    return shares;
  }
}
