import { stringify } from "csv-stringify/sync";
import { readCsv, type CsvRow } from "../csv/readCsv";
import { describe } from "../core/errors";
import { UserError } from "../core/errors";
import { safeText, unsafeText } from "../core/safeText";
import type { AuditContext, UpsertSummary, CatalogStore } from "../store/port";
import { changeSplitRules } from "./changeSplitRules";
import { describeRuleIssues, SplitRule } from "./splitRule";
import { itemAt } from "../core/arrays";

/** One row per part of a rule; the rule's own columns repeat on each of its rows. */
export const SPLIT_COLUMNS = {
  required: ["rule", "method", "costCenter", "businessUnit", "validFrom"],
  optional: ["appId", "deployment", "amount", "basis", "percent", "tagValue", "validTo"],
} as const;
const RULE_FIELDS = ["appId", "deployment", "amount", "method", "basis", "validFrom", "validTo"] as const;
const PART_FIELDS = ["costCenter", "businessUnit", "percent", "tagValue"] as const;

/** Reads the rules of a CSV file: every rule checked, each problem with the line of its rows. */
export function readSplitRules(csv: string, file: string): SplitRule[] {
  const byRule = new Map<string, CsvRow[]>();
  // An exported file quotes cells a spreadsheet would run as formulas: the quote is not the value.
  for (const read of readCsv(csv, file, SPLIT_COLUMNS.required, SPLIT_COLUMNS.optional)) {
    const row = { ...read, values: Object.fromEntries(Object.entries(read.values).map(([k, v]) => [k, unsafeText(v)])) };
    const rule = row.values.rule ?? ""; // a required column: readCsv has checked it is there
    byRule.set(rule, [...(byRule.get(rule) ?? []), row]);
  }
  const errors: string[] = [];
  const rules: SplitRule[] = [];
  for (const [id, rows] of byRule) {
    const first = itemAt(rows, 0); // a rule is in the map because a row named it
    const where = `${file}:${first.line}`;
    const disagree = RULE_FIELDS.filter((f) => rows.some((r) => (r.values[f] ?? "") !== (first.values[f] ?? "")));
    if (disagree.length > 0) {
      errors.push(`${where}: the rows of rule ${id} disagree on ${disagree.join(", ")}: give each the same value`);
      continue;
    }
    const parsed = SplitRule.safeParse({
      id,
      ...Object.fromEntries(RULE_FIELDS.map((f) => [f, first.values[f]])),
      parts: rows.map((r) => Object.fromEntries(PART_FIELDS.map((f) => [f, r.values[f]]))),
    });
    if (parsed.success) rules.push(parsed.data);
    else errors.push(`${where}: rule ${id || "(no id)"}: ${describeRuleIssues(parsed.error).join("; ")}`);
  }
  if (errors.length > 0) throw new UserError(describe(errors, "invalid rule"));
  return rules;
}

/** Imports rules all or nothing; importing the same file again changes nothing. */
export async function importSplitRules(store: CatalogStore, csv: string, file: string, audit?: AuditContext): Promise<UpsertSummary> {
  return changeSplitRules(store, readSplitRules(csv, file), audit);
}

/** Every rule as CSV in the import's format: exporting and importing again changes nothing. */
export function splitRulesCsv(rules: readonly SplitRule[]): string {
  const columns = [...SPLIT_COLUMNS.required, ...SPLIT_COLUMNS.optional];
  const rows = rules.flatMap((r) =>
    r.parts.map((p) => {
      const values: Record<string, string | null> = { rule: r.id, ...Object.fromEntries(RULE_FIELDS.map((f) => [f, r[f]])), ...p };
      return columns.map((c) => safeText(values[c] ?? ""));
    }),
  );
  return stringify([columns, ...rows]);
}
