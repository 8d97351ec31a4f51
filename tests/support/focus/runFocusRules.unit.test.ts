import { describe, expect, it } from "vitest";
import type { FocusRow } from "./focusChecks";
import { readFocusCsv, runFocusRules } from "./runFocusRules";
import type { Check, ModelRule, RuleModel } from "./ruleModel";

const rule = (requirement: Check | Record<string, never>, extra: Partial<ModelRule> = {}, condition: Check | Record<string, never> = {}): ModelRule => ({
  Function: "Validation",
  Reference: "X",
  Type: "Static",
  ApplicabilityCriteria: [],
  ValidationCriteria: { MustSatisfy: "text", Keyword: "MUST", Requirement: requirement, Condition: condition },
  ...extra,
});
const model = (rules: Record<string, ModelRule>): RuleModel => ({ Details: { FOCUSVersion: "1.2" }, ApplicabilityCriteria: {}, ModelRules: rules });
const ref = (id: string): Check => ({ CheckFunction: "CheckModelRule", ModelRuleId: id });
const csv = (rows: string[]) => readFocusCsv(`${rows.join("\n")}\n`);
const ids = (failed: { id: string; sample: FocusRow[] }[]) => failed.map((f) => f.id);

describe("the FOCUS rule runner", () => {
  it("checks a rule under the conditions of the composites that refer to it, 'not Correction' holding on null", () => {
    const rules = model({
      "P-000": rule(
        { CheckFunction: "AND", Items: [ref("P-001")] },
        { Function: "Composite" },
        { CheckFunction: "CheckNotValue", ColumnName: "Price", Value: null },
      ),
      "P-001": rule({ CheckFunction: "CheckGreaterOrEqualThanValue", ColumnName: "Price", Value: 0 }),
      "P-002": rule(
        { CheckFunction: "CheckNotValue", ColumnName: "Price", Value: null },
        {},
        { CheckFunction: "CheckNotValue", ColumnName: "ChargeClass", Value: "Correction" },
      ),
    });
    const good = runFocusRules(csv(["Price,ChargeClass", "1,", ",Correction"]), { applicability: [] }, rules);
    expect(good.failed).toEqual([]);
    const bad = runFocusRules(csv(["Price,ChargeClass", "-1,", ","]), { applicability: [] }, rules);
    expect(ids(bad.failed).sort()).toEqual(["P-000", "P-001", "P-002"]);
  });

  it("skips dynamic, MAY and undeclared rules with their reason, the last also for the rules they consist of", () => {
    const rules = model({
      "D-000": rule({}, { Type: "Dynamic" }),
      "M-000": rule({ CheckFunction: "CheckValue", ColumnName: "A", Value: null }, { ValidationCriteria: { ...rule({}).ValidationCriteria, Keyword: "MAY" } }),
      "Z-000": rule({ CheckFunction: "AND", Items: [ref("Z-001")] }, { Function: "Composite", ApplicabilityCriteria: ["AVAILABILITY_ZONE_SUPPORTED"] }),
      "Z-001": rule({ CheckFunction: "ColumnPresent", ColumnName: "AvailabilityZone" }),
    });
    const run = runFocusRules(csv(["A", "1"]), { applicability: ["REGION_SUPPORTED"] }, rules);
    expect(run.skipped).toEqual({
      "D-000": "dynamic: the model encodes no check for it",
      "M-000": "optional (MAY)",
      "Z-000": "not applicable: AVAILABILITY_ZONE_SUPPORTED",
      "Z-001": "not applicable: AVAILABILITY_ZONE_SUPPORTED",
    });
    expect(runFocusRules(csv(["A", "1"]), { applicability: ["AVAILABILITY_ZONE_SUPPORTED"] }, rules).failed.map((f) => f.id)).toEqual(["Z-000", "Z-001"]);
  });

  it("multiplies exactly, where doubles would not (0.1 × 3 = 0.3)", () => {
    const rules = model({ "L-000": rule({ CheckFunction: "ColumnByColumnEqualsColumnValue", ColumnAName: "U", ColumnBName: "Q", ResultColumnName: "C" }) });
    expect(runFocusRules(csv(["U,Q,C", "0.1,3,0.3"]), { applicability: [] }, rules).failed).toEqual([]);
    expect(ids(runFocusRules(csv(["U,Q,C", "0.1,3,0.30000000000000004"]), { applicability: [] }, rules).failed)).toEqual(["L-000"]);
  });

  it("counts an alternative of an OR another alternative satisfies as not taken, and one of a failing OR as failed", () => {
    const rules = model({
      "I-000": rule({ CheckFunction: "OR", Items: [ref("I-001"), ref("I-002")] }, { Function: "Composite" }),
      "I-001": rule({ CheckFunction: "CheckValue", ColumnName: "InvoiceId", Value: null }),
      "I-002": rule({ CheckFunction: "CheckNotValue", ColumnName: "InvoiceId", Value: null }),
    });
    const allNull = runFocusRules(csv(["InvoiceId,B", ",1"]), { applicability: [] }, rules);
    expect([allNull.failed, allNull.notTaken]).toEqual([[], ["I-002"]]);
    expect(ids(runFocusRules(csv(["InvoiceId,B", ",1", "x,1"]), { applicability: [] }, rules).failed)).toEqual(["I-000", "I-001", "I-002"]);
  });

  it("finds the old export's faults in the vendored model: an adjustment with a quantity, a usage row without a unit price", () => {
    const header = "ChargeCategory,ChargeClass,ConsumedQuantity,ConsumedUnit,ListUnitPrice,CommitmentDiscountStatus";
    const run = runFocusRules(csv([header, "Adjustment,,0,Tokens,,", "Usage,,10,Tokens,,"]), {
      applicability: ["PUBLIC_PRICE_LIST_SUPPORTED", "USAGE_MEASUREMENT_SUPPORTED"],
    });
    expect(ids(run.failed)).toEqual(expect.arrayContaining(["ConsumedQuantity-C-004-C", "ListUnitPrice-C-005-C"]));
  });
});
