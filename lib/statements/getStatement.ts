import { stringify } from "csv-stringify/sync";
import { safeText } from "../core/safeText";
import { formatCents } from "../core/money";
import type { LedgerStore } from "../store/port";
import { BILLED_KINDS, type StatementLine, type Tokens } from "./statementLine";

/** `cost` is what the unit is charged; `listCost` the same usage at list prices, before discounts. */
export type StatementRow = {
  kind: StatementLine["kind"];
  forMonth: string;
  costCenter: string;
  appId: string;
  appName: string;
  model: string;
  rule: string;
  cost: string;
  listCost: string;
  prices: string[];
  reason: string;
} & Tokens;
export type Statement = {
  month: string;
  businessUnit: string;
  currency: string;
  closedAt: string;
  closedBy: string;
  total: string;
  listTotal: string;
  lines: StatementRow[];
};

/** A business unit's frozen statement for a closed month, or null while the month is open. */
export async function getStatement(store: LedgerStore, month: string, businessUnit: string): Promise<Statement | null> {
  const closed = await store.getClosedMonth(month);
  if (!closed) return null;
  const lines = (await store.listStatementLines({ month }))
    .filter((l) => l.businessUnit === businessUnit)
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.costCenter.localeCompare(b.costCenter) ||
        a.appName.localeCompare(b.appName) ||
        a.model.localeCompare(b.model) ||
        a.rule.localeCompare(b.rule),
    );
  return {
    month,
    businessUnit,
    currency: closed.currency,
    closedAt: new Date(closed.closedAt).toISOString(),
    closedBy: closed.closedBy,
    total: formatCents(lines.reduce((sum, l) => sum + l.cents, 0n)),
    listTotal: formatCents(lines.reduce((sum, l) => sum + l.listCents, 0n)),
    lines: lines.map((l) => ({
      kind: l.kind,
      forMonth: l.forMonth,
      costCenter: l.costCenter,
      appId: l.appId,
      appName: l.appName,
      model: l.model,
      rule: l.rule,
      cost: formatCents(l.cents),
      listCost: formatCents(l.listCents),
      prices: l.prices,
      reason: l.reason,
      ...l.tokens,
    })),
  };
}

const COLUMNS = [
  "month",
  "businessUnit",
  "costCenter",
  "appId",
  "appName",
  "model",
  "kind",
  "forMonth",
  "requests",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "totalTokens",
  "listCost",
  "cost",
  "currency",
  "prices",
  "reason",
  "rule",
  ...BILLED_KINDS,
];

/** One row per line and a total row, ready to attach to an internal invoice. */
export function statementCsv(s: Statement): string {
  const rows = s.lines.map((l) => [
    s.month,
    safeText(s.businessUnit),
    safeText(l.costCenter),
    safeText(l.appId),
    safeText(l.appName),
    safeText(l.model),
    l.kind,
    l.forMonth,
    l.requests,
    l.promptTokens,
    l.cachedTokens,
    l.completionTokens,
    l.totalTokens,
    l.listCost,
    l.cost,
    s.currency,
    l.prices.join("; "),
    l.reason,
    safeText(l.rule),
    ...BILLED_KINDS.map((k) => l.billed?.[k] ?? 0),
  ]);
  const total = [
    s.month,
    safeText(s.businessUnit),
    "",
    "",
    "Total",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    s.listTotal,
    s.total,
    s.currency,
    "",
    "",
    "",
    ...BILLED_KINDS.map(() => ""),
  ];
  return stringify([COLUMNS, ...rows, total]);
}
