import { formatCents } from "../core/money";
import { allocateLines } from "./allocateLines";
import { liveLines } from "./liveLines";
import type { ReportStore } from "../store/port";
import { LedgerReader } from "../ledger/ledgerReader";
import { withSplitRules } from "../allocation/changeSplitRules";
import type { SplitRule } from "../allocation/splitRule";

export type PreviewRow = { businessUnit: string; costCenter: string; appId: string; appName: string; rule: string; before: string; after: string };
export type SplitPreview = { month: string; currency: string; totalBefore: string; totalAfter: string; rows: PreviewRow[] };

/**
 * What a month's usage lines would look like with this rule (added, or replacing the rule of its
 * id) beside how they look now: the lines whose exact cost changes, by business unit, cost
 * center, app and rule (not those whose cents only round differently). Refuses, like saving
 * would, a rule that cannot apply.
 */
export async function previewSplitRule(store: ReportStore, rule: SplitRule, month: string): Promise<SplitPreview> {
  const rules = await withSplitRules(store, [rule]);
  const reader = new LedgerReader(store);
  const [nowLedger, thenLedger] = await Promise.all([reader.ledger(month), reader.ledger(month, rules)]);
  const now = liveLines(nowLedger);
  const then = liveLines(thenLedger);
  const rows = new Map<string, PreviewRow & { b: bigint; a: bigint; exact: bigint }>();
  const add = (side: "b" | "a", lines: ReturnType<typeof allocateLines>) => {
    for (const l of lines) {
      const key = `${l.businessUnit}|${l.costCenter}|${l.appId}|${l.rule}`;
      const row = rows.get(key) ?? {
        businessUnit: l.businessUnit,
        costCenter: l.costCenter,
        appId: l.appId,
        appName: l.appName,
        rule: l.rule,
        before: "",
        after: "",
        b: 0n,
        a: 0n,
        exact: 0n,
      };
      row[side] += l.cents;
      row.exact += side === "a" ? l.atto : -l.atto;
      rows.set(key, row);
    }
  };
  const before = allocateLines(now.lines);
  const after = allocateLines(then.lines);
  add("b", before);
  add("a", after);
  const total = (lines: typeof before) => formatCents(lines.reduce((s, l) => s + l.cents, 0n));
  return {
    month,
    currency: now.currency,
    totalBefore: total(before),
    totalAfter: total(after),
    rows: [...rows.values()]
      .filter((r) => r.exact !== 0n)
      .sort(
        (x, y) =>
          x.appId.localeCompare(y.appId) ||
          x.businessUnit.localeCompare(y.businessUnit) ||
          x.costCenter.localeCompare(y.costCenter) ||
          x.rule.localeCompare(y.rule),
      )
      .map(({ b, a, exact, ...r }) => ({ ...r, before: formatCents(b), after: formatCents(a) })),
  };
}
