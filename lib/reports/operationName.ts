import { formatCents, parseCents } from "../core/money";
import { addTokens, noTokens } from "../statements/statementLine";
import type { ReportRow } from "./getChargebackReport";

/**
 * The one place operation names are made one. Events carry the operation as their source wrote
 * it: the APIM policy's records say `chat.completion` (tests/fixtures/apim-events), the demo and
 * other gateways `chat.completions` or the REST path `chat/completions`. Stored rollups keep what
 * arrived (facts never change); reports show each operation under one name: lower case, `/` as
 * `.`, and the plural of the OpenAI object name read as its singular, which the real records use.
 */
const SAME_AS: Readonly<Record<string, string>> = {
  "chat.completions": "chat.completion",
};

export function operationName(raw: string): string {
  const name = raw.trim().toLowerCase().replaceAll("/", ".");
  return SAME_AS[name] ?? name;
}

/** Rows by operation with the names made one: rows of the same operation added up (cents as already allocated, so the total stays). */
export function mergeOperations(rows: readonly ReportRow[]): ReportRow[] {
  const merged = new Map<string, ReportRow & { cents: bigint }>();
  for (const row of rows) {
    const name = operationName(row.key);
    const into = merged.get(name) ?? { ...noTokens(), key: name, name, cost: "0.00", cents: 0n };
    into.cents += parseCents(row.cost);
    addTokens(into, row);
    merged.set(name, into);
  }
  return [...merged.values()]
    .map(({ cents, ...row }) => ({ ...row, cost: formatCents(cents) }))
    .sort((a, b) => (parseCents(a.cost) === parseCents(b.cost) ? a.name.localeCompare(b.name) : parseCents(a.cost) > parseCents(b.cost) ? -1 : 1));
}
