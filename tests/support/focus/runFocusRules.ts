import { parse } from "csv-parse/sync";
import { columnsOf, datasetViolations, type FocusDataset, type FocusRow, holds } from "./focusChecks";
import { type Check, isCheck, loadCurrencyCodes, loadRuleModel, type RuleModel } from "./ruleModel";
import { itemAt } from "../../../lib/core/arrays";
import { entryOf } from "../arrays";

export type RuleOutcome =
  | { id: string; status: "pass" }
  | { id: string; status: "fail"; rule: string; violations: number; sample: FocusRow[]; missing: string[] }
  | { id: string; status: "skipped"; reason: string };

/** `notTaken`: rules that fail but are only alternatives of OR rules another alternative satisfies (InvoiceId: all null, or all filled). */
export type RuleRun = { passed: string[]; failed: Extract<RuleOutcome, { status: "fail" }>[]; skipped: Record<string, string>; notTaken: string[] };

/**
 * What the export declares about its provider (the model applies some rules only to these), the
 * rules to skip with the reason, and corrections to rules whose check contradicts their text.
 */
export type RunOptions = {
  applicability: readonly string[];
  skip?: Readonly<Record<string, string>>;
  corrections?: Parameters<typeof loadRuleModel>[0];
};

/** Reads a FOCUS CSV as the validator does: a header row, empty cells as null. */
export function readFocusCsv(csv: string): FocusDataset {
  const [header = [], ...records] = parse(csv, { relax_column_count: false }) as string[][];
  // relax_column_count: false, so every record has a cell per column.
  const rows = records.map((r) => Object.fromEntries(header.map((c, i) => [c, itemAt(r, i) === "" ? null : itemAt(r, i)])));
  return { columns: new Set(header), rows, currencies: loadCurrencyCodes() };
}

/**
 * Every rule of the FOCUS 1.2 model against a dataset, as the validator runs them: a rule of Type
 * Dynamic (prose the model encodes no check for), of keyword MAY, or for a provider capability
 * not declared is skipped with that reason, as is any rule `skip` names. A rule applies when the
 * provider has every capability it names (the validator asks for any one, but "supports X and Y"
 * means both) and, when other rules refer to it, one of them applies. A rule is checked on the
 * rows its own Condition selects and the Conditions of every composite rule that refers to it;
 * a composite passes when the rules it refers to do (AND) or one of them does (OR). SHOULD and
 * RECOMMENDED rules are enforced like MUST, as the validator does.
 */
export function runFocusRules(data: FocusDataset, options: RunOptions, model: RuleModel = loadRuleModel(options.corrections)): RuleRun {
  const rules = model.ModelRules;
  const parents = new Map<string, string[]>();
  for (const [id, rule] of Object.entries(rules)) {
    for (const child of referencedRules(rule.ValidationCriteria.Requirement)) parents.set(child, [...(parents.get(child) ?? []), id]);
  }
  const conditions = new Map<string, Check[]>();
  const conditionsOf = (id: string, seen = new Set<string>()): Check[] => {
    const known = conditions.get(id);
    if (known) return known;
    const own = entryOf(rules, id).ValidationCriteria.Condition;
    const inherited = (parents.get(id) ?? []).filter((p) => !seen.has(p)).flatMap((p) => conditionsOf(p, new Set([...seen, id])));
    const all = [...(isCheck(own) ? [own] : []), ...inherited];
    conditions.set(id, all);
    return all;
  };

  const applicable = new Map<string, boolean>();
  const appliesTo = (id: string, seen = new Set<string>()): boolean => {
    const known = applicable.get(id);
    if (known !== undefined) return known;
    const own = entryOf(rules, id).ApplicabilityCriteria.every((c) => options.applicability.includes(c));
    const referrers = (parents.get(id) ?? []).filter((p) => !seen.has(p));
    const result = own && (referrers.length === 0 || referrers.some((p) => appliesTo(p, new Set([...seen, id]))));
    applicable.set(id, result);
    return result;
  };

  const outcomes = new Map<string, RuleOutcome>();
  const outcome = (id: string): RuleOutcome => {
    const known = outcomes.get(id);
    if (known) return known;
    const result = evaluate(id);
    outcomes.set(id, result);
    return result;
  };

  const evaluate = (id: string): RuleOutcome => {
    const rule = entryOf(rules, id);
    const { Keyword, Requirement, MustSatisfy } = rule.ValidationCriteria;
    const skipped = (reason: string): RuleOutcome => ({ id, status: "skipped", reason });
    if (options.skip?.[id]) return skipped(options.skip[id]);
    if (rule.Type === "Dynamic") return skipped("dynamic: the model encodes no check for it");
    if (Keyword === "MAY" || Keyword === "OPTIONAL") return skipped("optional (MAY)");
    if (!appliesTo(id)) return skipped(`not applicable: ${inheritedCriteria(id).join(", ")}`);
    if (!isCheck(Requirement)) return skipped("no requirement");
    if (referencedRules(Requirement).length > 0) return composite(id, Requirement);
    const rows = data.rows.filter((row) => conditionsOf(id).every((c) => holds(c, row, data)));
    const missing = columnsOf(Requirement).filter((c) => !data.columns.has(c) && Requirement.CheckFunction !== "ColumnPresent");
    const wide = datasetViolations(Requirement, rows, data);
    const failing = wide === null ? rows.filter((row) => !holds(Requirement, row, data, true)) : [];
    const violations = missing.length > 0 ? 1 : (wide ?? failing.length);
    return violations === 0 ? { id, status: "pass" } : { id, status: "fail", rule: MustSatisfy, violations, sample: failing.slice(0, 3), missing };
  };

  // The capabilities that leave a rule out: its own, or those of the rules that refer to it.
  const inheritedCriteria = (id: string, seen = new Set<string>()): string[] => {
    const own = entryOf(rules, id).ApplicabilityCriteria.filter((c) => !options.applicability.includes(c));
    if (own.length > 0) return own;
    return [...new Set((parents.get(id) ?? []).filter((p) => !seen.has(p)).flatMap((p) => inheritedCriteria(p, new Set([...seen, id]))))].sort();
  };

  const composite = (id: string, requirement: Check): RuleOutcome => {
    const result = combine(requirement);
    if (result === "skipped") return { id, status: "skipped", reason: "every rule it consists of is skipped" };
    return result
      ? { id, status: "pass" }
      : { id, status: "fail", rule: entryOf(rules, id).ValidationCriteria.MustSatisfy, violations: 1, sample: [], missing: [] };
  };
  // true / false, or "skipped" when no part was checked: a skipped part neither passes nor fails.
  const combine = (check: Check): boolean | "skipped" => {
    if (check.CheckFunction === "CheckModelRule") {
      const o = outcome(check.ModelRuleId!);
      return o.status === "skipped" ? "skipped" : o.status === "pass";
    }
    const parts = (check.Items ?? []).map(combine).filter((p) => p !== "skipped");
    if (parts.length === 0) return "skipped";
    return check.CheckFunction === "OR" ? parts.some(Boolean) : parts.every(Boolean);
  };

  const alternative = (id: string) => {
    const referrers = parents.get(id) ?? [];
    return (
      referrers.length > 0 &&
      referrers.every((p) => (entryOf(rules, p).ValidationCriteria.Requirement as Check).CheckFunction === "OR" && outcome(p).status === "pass")
    );
  };
  const run: RuleRun = { passed: [], failed: [], skipped: {}, notTaken: [] };
  for (const id of Object.keys(rules)) {
    const o = outcome(id);
    if (o.status === "pass") run.passed.push(id);
    else if (o.status === "fail" && alternative(id)) run.notTaken.push(id);
    else if (o.status === "fail") run.failed.push(o);
    else run.skipped[id] = o.reason;
  }
  return run;
}

function referencedRules(check: Check | Record<string, never>): string[] {
  if (!isCheck(check)) return [];
  if (check.CheckFunction === "CheckModelRule") return [check.ModelRuleId!];
  return (check.Items ?? []).flatMap(referencedRules);
}
