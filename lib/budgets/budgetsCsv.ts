import { stringify } from "csv-stringify/sync";
import { describe, UserError } from "../core/errors";
import { safeText, unsafeText } from "../core/safeText";
import { readCsv } from "../csv/readCsv";
import { Budget, parseScope, Recipients, scopeText, Thresholds, type Threshold } from "./budget";
import { firstIssue } from "../core/errors";

export const BUDGET_COLUMNS = {
  required: ["scope", "amount", "validFrom"],
  optional: ["validTo", "currency", "thresholds", "notify", "hard"],
} as const;

const HARD = new Map([
  ["", false],
  ["false", false],
  ["no", false],
  ["true", true],
  ["yes", true],
]);

const issueText = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => (i.path.length ? `${String(i.path[0])} ${i.message}` : i.message)).join("; ");

/**
 * One budget from the cells of a form or a CSV row, or the problems that keep it from being one.
 * `currency` is the reports' currency: a budget in another would compare unlike amounts.
 */
export function readBudget(values: Record<string, string | undefined>, currency: string): { budget: Budget } | { problem: string } {
  const thresholds = Thresholds.safeParse(values.thresholds);
  if (!thresholds.success) return { problem: `thresholds: ${firstIssue(thresholds.error).message}` };
  const notify = Recipients.safeParse(values.notify);
  if (!notify.success) return { problem: `notify: ${firstIssue(notify.error).message}` };
  const hard = HARD.get((values.hard ?? "").trim().toLowerCase());
  if (hard === undefined) return { problem: "hard must be true or false" };
  const scope = parseScope(values.scope ?? "");
  const parsed = Budget.safeParse({
    scope: scope ? scopeText(scope) : (values.scope ?? ""),
    amount: values.amount ?? "",
    currency: values.currency?.trim() || currency,
    thresholds: thresholds.data,
    notify: notify.data,
    hard,
    validFrom: values.validFrom ?? "",
    validTo: values.validTo,
  });
  if (!parsed.success) return { problem: issueText(parsed.error.issues) };
  if (parsed.data.currency !== currency) return { problem: `currency ${parsed.data.currency} is not the reports' currency ${currency}` };
  return { budget: parsed.data };
}

/** Reads the budgets of a CSV file: every row checked, each problem with its line; all or nothing. */
export function readBudgets(csv: string, file: string, currency: string): Budget[] {
  const errors: string[] = [];
  const budgets: Budget[] = [];
  for (const row of readCsv(csv, file, BUDGET_COLUMNS.required, BUDGET_COLUMNS.optional)) {
    // An exported file quotes cells a spreadsheet would run as formulas: the quote is not the value.
    const values = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, unsafeText(v)]));
    const read = readBudget(values, currency);
    if ("budget" in read) budgets.push(read.budget);
    else errors.push(`${file}:${row.line}: ${values.scope || "(no scope)"}: ${read.problem}`);
  }
  if (errors.length > 0) throw new UserError(describe(errors, "invalid budget"));
  return budgets;
}

export const thresholdsText = (thresholds: readonly Threshold[]) =>
  thresholds.map((t) => (t.basis === "forecast" ? `forecast:${t.percent}` : String(t.percent))).join(";");

/** Every budget as CSV in the import's format: exporting and importing again changes nothing. */
export function budgetsCsv(budgets: readonly Budget[]): string {
  const columns = [...BUDGET_COLUMNS.required, ...BUDGET_COLUMNS.optional];
  const rows = budgets.map((b) =>
    [b.scope, b.amount, b.validFrom, b.validTo ?? "", b.currency, thresholdsText(b.thresholds), b.notify.join(";"), String(b.hard)].map(safeText),
  );
  return stringify([columns, ...rows]);
}
