import { formatCents } from "../core/money";
import type { CostedLine } from "../statements/statementLine";

export type SplitLine = { costCenter: string; appId: string; appName: string; rule: string; cost: string; requests: number };

/** A unit's lines produced by split rules, per cost center, app and rule (models summed): what each rule charges it. */
export function getSplitLines(lines: readonly CostedLine[], businessUnit: string): SplitLine[] {
  const rows = new Map<string, Omit<SplitLine, "cost"> & { cents: bigint }>();
  for (const l of lines) {
    if (l.businessUnit !== businessUnit || l.rule === "") continue;
    const key = `${l.costCenter}|${l.appId}|${l.rule}`;
    const row = rows.get(key) ?? { costCenter: l.costCenter, appId: l.appId, appName: l.appName, rule: l.rule, cents: 0n, requests: 0 };
    row.cents += l.cents;
    if (l.kind === "usage") row.requests += l.tokens.requests;
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.costCenter.localeCompare(b.costCenter) || a.appName.localeCompare(b.appName))
    .map(({ cents, ...r }) => ({ ...r, cost: formatCents(cents) }));
}
