import fs from "node:fs";
import path from "node:path";

const DIR = path.resolve(__dirname, "..", "..", "fixtures", "focus-1.2");

/** One node of a rule's Requirement or Condition, as the rule model writes it. */
export type Check = {
  CheckFunction: string;
  Items?: Check[];
  ColumnName?: string;
  ColumnAName?: string;
  ColumnBName?: string;
  ResultColumnName?: string;
  ModelRuleId?: string;
  Value?: string | number | null;
  ExpectedCount?: number;
};

export type ModelRule = {
  Function: string;
  Reference: string;
  Type: "Static" | "Dynamic";
  ApplicabilityCriteria: string[];
  ValidationCriteria: {
    MustSatisfy: string;
    Keyword: string;
    // An empty object where the model has none (every Dynamic rule's Requirement, most Conditions).
    Requirement: Check | Record<string, never>;
    Condition: Check | Record<string, never>;
  };
};

export type RuleModel = {
  Details: { FOCUSVersion: string };
  ApplicabilityCriteria: Record<string, { Description: string }>;
  ModelRules: Record<string, ModelRule>;
};

/**
 * The vendored FOCUS 1.2 rule model (tests/fixtures/focus-1.2/SOURCE.md), with the two
 * CapacityReservationStatus conditions it writes as `{"AND": …}` (no CheckFunction) read as the
 * AND they plainly mean, and `corrections` applied: rules whose check contradicts their own text.
 */
export function loadRuleModel(corrections: Readonly<Record<string, Partial<ModelRule["ValidationCriteria"]>>> = {}): RuleModel {
  const model = JSON.parse(fs.readFileSync(path.join(DIR, "model-1.2.json"), "utf8")) as RuleModel;
  for (const [id, rule] of Object.entries(model.ModelRules)) {
    const criteria = { ...rule.ValidationCriteria, ...corrections[id] };
    rule.ValidationCriteria = { ...criteria, Requirement: normalise(criteria.Requirement), Condition: normalise(criteria.Condition) };
  }
  return model;
}

type Written = Check | Record<string, never> | { AND?: Written | Written[]; OR?: Written | Written[] };

function normalise(node: Written): Check | Record<string, never> {
  if ("CheckFunction" in node) {
    const check = node as Check;
    return check.Items ? { ...check, Items: check.Items.map((i) => normalise(i) as Check) } : check;
  }
  const [op, items] = Object.entries(node)[0] ?? [];
  if (op !== "AND" && op !== "OR") return {};
  return { CheckFunction: op, Items: [items as Written].flat().map((i) => normalise(i) as Check) };
}

/** The ISO 4217 codes the validator's currency checks accept, vendored beside the model. */
export const loadCurrencyCodes = (): Set<string> =>
  new Set(
    fs
      .readFileSync(path.join(DIR, "currency_codes.csv"), "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[1]?.trim())
      .filter((code): code is string => Boolean(code)),
  );

export const isCheck = (c: Check | Record<string, never>): c is Check => "CheckFunction" in c;
